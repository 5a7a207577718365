import { formatWhen } from '../../app/text';
import type { DeletedUser, Environment, SystemUser } from '../../gateways/types';
import { check } from './context';
import { orderChecks, type AccessCheck, type Diagnosis } from './diagnosis';
import { upnBeforeDeletion } from './subject';

/** What a diagnosis of a deleted account needs in one environment (§13, §1.4 rule 1, §3.2). */
export interface DeletedPersonFacts {
  user: DeletedUser;
  environment: Environment;
  /** The Dataverse row, looked up by the object id (a deletion doesn't change it); null: none; 'unknown': unreadable. */
  systemUser: SystemUser | null | 'unknown';
  /** Now, in ms: the restore window is judged against it. */
  now: number;
}

const DAY_MS = 86_400_000;
/** §13: "Restorable up to 30 days (deletedDateTime), then purged". */
export const RESTORE_DAYS = 30;

export interface RestoreWindow {
  deletedAt: number;
  until: number;
  restorable: boolean;
  /** Whole days left (rounded up), 0 once closed. */
  daysLeft: number;
}

/** The 30-day window in which Entra can still restore a deleted user; an unreadable date counts as closed. */
export function restoreWindow(deletedDateTime: string, now: number): RestoreWindow {
  const deletedAt = Date.parse(deletedDateTime);
  if (!Number.isFinite(deletedAt)) return { deletedAt: NaN, until: NaN, restorable: false, daysLeft: 0 };
  const until = deletedAt + RESTORE_DAYS * DAY_MS;
  return { deletedAt, until, restorable: now <= until, daysLeft: Math.max(0, Math.ceil((until - now) / DAY_MS)) };
}

/** `2026-11-12 08:14 UTC`. */
const when = (ms: number): string => (Number.isFinite(ms) ? formatWhen(ms) : 'an unknown date');

const AZURE_STATE: Record<number, string> = {
  1: 'azurestate 1: soft-deleted in Entra ID',
  2: 'azurestate 2: not found or permanently deleted in Entra ID',
};

function account(facts: DeletedPersonFacts, window: RestoreWindow, who: string): AccessCheck {
  const { user } = facts;
  const title = 'Entra ID account';
  const deleted = `${user.displayName}'s Entra account (${upnBeforeDeletion(user)}) was deleted on ${when(window.deletedAt)}`;
  if (window.restorable) {
    const left = window.daysLeft === 1 ? '1 day left' : `${window.daysLeft} days left`;
    return check(
      'entra-account',
      title,
      'fail',
      `${deleted}, so no environment lets ${who} in. Entra keeps a deleted user for ${RESTORE_DAYS} days: it can be restored, with its licences and group memberships, until ${when(window.until)} (${left}).`,
      { text: `Restore it by ${when(window.until)}: Microsoft Entra admin center > Identity > Users > Deleted users > ${user.displayName} > Restore user (or Microsoft 365 admin center > Users > Deleted users). Then sync ${who} again.` },
    );
  }
  return check(
    'entra-account',
    title,
    'fail',
    `${deleted}, more than ${RESTORE_DAYS} days ago: the restore window closed on ${when(window.until)}. Entra's permanent deletion has started and can't be stopped, so this account can't be restored.`,
    { text: `Create a new account for ${who}, with a licence and the groups ${who} needs; the old account's Dataverse rows stay disabled.` },
  );
}

function dataverseRow(facts: DeletedPersonFacts, who: string): AccessCheck {
  const env = facts.environment.displayName;
  const title = 'Dataverse user';
  const row = facts.systemUser;
  if (!facts.environment.dataverse) return check('dataverse-user', title, 'info', `Not applicable: ${env} has no Dataverse database.`);
  if (row === 'unknown') return check('dataverse-user', title, 'warn', `I couldn't read the users of ${env}, so I can't tell what Dataverse shows for ${who}.`);
  if (!row) return check('dataverse-user', title, 'info', `${env} has no row for ${who}: the account was never added there.`);
  const state = AZURE_STATE[row.azureState];
  if (!row.isDisabled) {
    return check(
      'dataverse-user',
      title,
      'warn',
      `${env} still shows ${who} as an enabled user${state ? ` (${state})` : ''}: Dataverse disables the row of a deleted account at its next background sync. ${who} can't sign in meanwhile, because Entra refuses the account.`,
    );
  }
  const reason = row.disabledReason ? ` Reason given by Dataverse: "${row.disabledReason}".` : '';
  return check(
    'dataverse-user',
    title,
    'info',
    `${env} keeps ${who}'s row, disabled${state ? ` (${state})` : ''}.${reason} Dataverse keeps the rows of deleted accounts; if the account is restored, a sync or ${who}'s next sign-in enables the row again.`,
  );
}

/**
 * A person whose Entra account was deleted (§13; §1.4 rule 1: "not deleted or soft-deleted"): when it was
 * deleted, until when Entra can restore it (30 days), and what the environment's Dataverse still shows for
 * the same object id. Pure: `now` comes in the facts.
 */
export function evaluateDeletedPerson(facts: DeletedPersonFacts): Diagnosis {
  const { user, environment } = facts;
  const who = user.givenName?.trim() || user.displayName;
  const window = restoreWindow(user.deletedDateTime, facts.now);
  const notChecked = 'Not checked: the account is deleted.';
  const gate = environment.dataverse ? null : check('environment', 'Environment', 'info', `${environment.displayName} has no Dataverse database.`);
  const checks = orderChecks([
    account(facts, window, who),
    check('license', 'Licence', 'info', notChecked),
    check('security-group', 'Security group', 'info', notChecked),
    dataverseRow(facts, who),
    check('security-role', 'Security role', 'info', notChecked),
    gate ?? check('environment', 'Environment', 'info', `${environment.displayName} (${environment.sku}): not checked further, the account is deleted.`),
  ]);
  const upn = upnBeforeDeletion(user);
  const row = facts.systemUser === 'unknown' ? null : facts.systemUser;
  return {
    subject: {
      kind: 'deletedPerson',
      id: user.id,
      displayName: user.displayName,
      userPrincipalName: upn,
      deletedDateTime: user.deletedDateTime,
      restorableUntil: Number.isFinite(window.until) ? new Date(window.until).toISOString().replace(/\.000Z$/, 'Z') : '',
      restorable: window.restorable,
    },
    user: null,
    environment: { id: environment.id, displayName: environment.displayName },
    verdict: 'blocked',
    headline: window.restorable
      ? `${user.displayName}'s Entra account was deleted on ${when(window.deletedAt)}, so ${who} can't get into ${environment.displayName}. Entra can restore it until ${when(window.until)}.`
      : `${user.displayName}'s Entra account was deleted on ${when(window.deletedAt)}, more than ${RESTORE_DAYS} days ago, and can no longer be restored.`,
    checks,
    keyFacts: { licences: [], securityGroup: null, roles: row?.directRoles.map((r) => `${r.name} (direct)`) ?? [], accessMode: row?.accessMode ?? null },
  };
}
