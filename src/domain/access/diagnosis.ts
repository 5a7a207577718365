import type { DiagnosisSubject } from './subject';

/** The result of evaluateAccess() (and of the application and deleted-account evaluations): the shape behind the diagnosis card and the CLI JSON. */
export type CheckId = 'entra-account' | 'license' | 'security-group' | 'dataverse-user' | 'security-role' | 'environment';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info';

/** What a fix button does: sync, add to the security group, or give a licence (the licence the tenant allows, src/features/licences). */
export type FixAction = 'sync-user' | 'add-to-security-group' | 'fix-licence';

export interface Fix {
  text: string;
  action?: FixAction;
}

export interface AccessCheck {
  id: CheckId;
  status: CheckStatus;
  title: string;
  /** Plain words for helpdesk; names the licence, group and role names involved. */
  detail: string;
  fix: Fix | null;
}

export type Verdict = 'can-access' | 'blocked' | 'will-get-in-once-synced' | 'at-risk';

export interface Diagnosis {
  /** Who the diagnosis is about: a person, a deleted person or an application; null when there is no account at all. */
  subject: DiagnosisSubject | null;
  /** The person, for the person-only fixes (sync, add to group); null for applications, deleted accounts and no account. */
  user: { id: string; displayName: string; userPrincipalName: string } | null;
  environment: { id: string; displayName: string };
  verdict: Verdict;
  /** One sentence for the card header. */
  headline: string;
  /** Blocking (fail) checks first, then warnings, then the rest in the canonical order. */
  checks: AccessCheck[];
  keyFacts: {
    licences: string[];
    securityGroup: string | null;
    roles: string[];
    accessMode: string | null;
  };
}

export const CHECK_ORDER: readonly CheckId[] = ['entra-account', 'license', 'security-group', 'dataverse-user', 'security-role', 'environment'];

const SEVERITY: Record<CheckStatus, number> = { fail: 0, warn: 1, info: 2, pass: 2 };

/** Blocking (fail) checks first, then warnings, then the rest in the canonical order. */
export function orderChecks(checks: readonly AccessCheck[]): AccessCheck[] {
  return [...checks].sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || CHECK_ORDER.indexOf(a.id) - CHECK_ORDER.indexOf(b.id));
}
