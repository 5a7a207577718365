import type { CheckStatus, Diagnosis } from './diagnosis';
import type { DiagnosisSubject } from './subject';

/**
 * The result of evaluateAppAccess(): the environment part (the environment's own diagnosis) and the app
 * part (state, who may open it, licence for it), with one verdict. Shape behind the app card and CLI JSON.
 */
export type AppKind = 'canvas' | 'model-driven';

export type AppCheckId = 'app-state' | 'app-access' | 'app-licence';

export type AppFixAction = 'assign-app-role' | 'share-app';

export interface AppFix {
  text: string;
  action?: AppFixAction;
  /** For `assign-app-role`: the app's roles an admin may give (root role ids). */
  roles?: { id: string; name: string }[];
}

export interface AppCheck {
  id: AppCheckId;
  status: CheckStatus;
  title: string;
  detail: string;
  fix: AppFix | null;
}

export type AppVerdict = 'can-open' | 'blocked' | 'will-open-once-synced';

/** A canvas app's permission for the person: Owner, CanEdit, or CanView (with or without share). */
export type PermissionLevel = 'owner' | 'can-edit' | 'can-view';

export interface AppRef {
  kind: AppKind;
  id: string;
  name: string;
  environment: { id: string; displayName: string };
}

export interface AppDiagnosis {
  subject: DiagnosisSubject | null;
  user: Diagnosis['user'];
  app: AppRef;
  verdict: AppVerdict;
  /** One sentence for the card header. */
  headline: string;
  /** The environment part: its diagnosis, with the checks this app does not need marked `info` and saying so. */
  environment: Diagnosis;
  /** The app part, failing checks first. */
  checks: AppCheck[];
  /** Canvas: how the person holds the app (null: not at all); model-driven: null. */
  permission: PermissionLevel | null;
  /** Model-driven: the names of the app's roles, any of which opens it; canvas: empty. */
  appRoles: string[];
}

export const APP_CHECK_ORDER: readonly AppCheckId[] = ['app-state', 'app-access', 'app-licence'];

const SEVERITY: Record<CheckStatus, number> = { fail: 0, warn: 1, info: 2, pass: 2 };

export function orderAppChecks(checks: readonly AppCheck[]): AppCheck[] {
  return [...checks].sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || APP_CHECK_ORDER.indexOf(a.id) - APP_CHECK_ORDER.indexOf(b.id));
}

export function appCheck(id: AppCheckId, title: string, status: CheckStatus, detail: string, fix: AppFix | null = null): AppCheck {
  return { id, status, title, detail, fix };
}

export const PERMISSION_LABEL: Record<PermissionLevel, string> = { owner: 'owner', 'can-edit': 'can edit', 'can-view': 'can view' };

/** "Expense Tracker (UAT)". */
export function appLabel(app: Pick<AppRef, 'name' | 'environment'>): string {
  return `${app.name} (${app.environment.displayName})`;
}
