/** The result of evaluateAccess(): the shape behind the diagnosis card and the CLI JSON. */
export type CheckId = 'entra-account' | 'license' | 'security-group' | 'dataverse-user' | 'security-role' | 'environment';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info';

export type FixAction = 'sync-user' | 'add-to-security-group';

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
