import { inert } from '../../app/text';
import type { AuditEntry } from '../../security/audit-log';

/**
 * Typed commands and buttons whose requests change something (start a sync, watch a group, post
 * notifications here, assign a role…): with the handlers' own change rows (kind `fix`), job outcomes
 * and refusals, they are what `audit` shows by default. Everything else (lookups) only with `audit all`.
 */
export const CHANGE_REQUESTS: readonly string[] = [
  'sync', 'sync (form)', 'watch', 'stop watching', 'notify here', 'stop notifying here', 'link group', 'move business unit',
  'sync.confirm', 'sync.retry-failed', 'diagnose.confirm-sync',
];

/** What a button press was, in words: card data (ids, flags) is never shown. */
const BUTTONS: Record<string, string> = {
  'sync.confirm': 'started a previewed sync',
  'sync.cancel': 'cancelled a sync preview',
  'sync.choose': 'picked one of several matches for a sync',
  'sync.retry-failed': 'retried the failed members of a sync',
  'sync.show-all': 'opened the member list of a sync',
  'sync.members-page': 'paged through the member list of a sync',
  'sync.recheck': 're-checked one person of a sync',
  'sync.form': 'sent the sync form',
  'sync.add-to-group': 'asked to add people to a security group from a sync preview',
  'sync.confirm-add': 'confirmed adding people to a security group',
  'sync.cancel-add': 'cancelled adding people to a security group',
  'sync.refresh': 'had a sync card refreshed',
  'diagnose.check': 'ran a check from a card',
  'diagnose.detail': 'opened one environment of an everywhere check',
  'diagnose.sync': 'pressed "Sync now" on a diagnosis',
  'diagnose.confirm-sync': 'confirmed a sync from a diagnosis',
  'diagnose.add-to-group': 'asked to add a person to a security group from a diagnosis',
  'diagnose.confirm-add': 'confirmed adding a person to a security group',
  'diagnose.cancel': 'cancelled a change on a diagnosis',
  'history.show': 'opened a sync job from the history',
};

/** Error codes in plain words: why something was refused or failed. */
const WHY: Record<string, string> = {
  'auth.forbidden': 'their role does not allow it',
  'auth.tenant': 'they are in another tenant',
  'auth.token': 'the bot could not sign in to Microsoft',
  'limit.rate': 'too many requests in a short time',
  'confirm.expired': 'the confirmation had expired',
  'confirm.used': 'it was already confirmed or cancelled',
  'input.invalid': 'the request was not valid',
  'input.not_found': 'nothing matched',
  'input.ambiguous': 'several things matched',
  'graph.throttled': 'Microsoft Graph was too busy',
  'graph.failed': 'Microsoft Graph refused or failed',
  'graph.resync': 'Microsoft Graph lost track of changes',
  'bap.forbidden': 'the Power Platform admin service refused',
  'bap.failed': 'the Power Platform admin service failed',
  'dataverse.forbidden': 'Dataverse refused',
  'dataverse.failed': 'Dataverse failed',
  'upstream.unavailable': 'a Microsoft service did not answer',
  'job.not_found': 'there was no such job',
  'job.failed': 'the job stopped',
  'job.members_failed': 'some members failed',
  internal: 'something went wrong in the bot',
};

const why = (code: string | null) => (code ? (WHY[code] ?? 'an error the bot has no words for yet') : 'no reason recorded');

/** The request itself: a typed command as typed (inert), a button as what it did (rows before sentences kept card data as JSON: never shown). */
function request(entry: AuditEntry): string {
  const typed = entry.summary !== '' && !entry.summary.startsWith('{') && (entry.kind === 'command' || (entry.kind === 'refusal' && !(entry.what in BUTTONS)));
  if (typed) return `asked “${inert(entry.summary)}”`;
  return BUTTONS[entry.what] ?? 'pressed a button on a card';
}

/** A change row reads on from the name ("added Jane Doe to UAT Access"); one written as a title ("Link group …") follows a colon. */
const change = (summary: string) => (/^\p{Ll}/u.test(summary) ? ` ${inert(summary)}` : `: ${inert(summary)}`);

/**
 * One audit row as a sentence with names, led by an icon for how it ended:
 * "✅ Nadia Rahman added Jane Doe to UAT Access", "⛔ Liam Chen asked “sync everyone to UAT”: refused, nothing matched".
 */
export function auditSentence(entry: AuditEntry): string {
  const who = `**${inert(entry.actorName)}**`;
  if (entry.kind === 'fix' || entry.kind === 'job') {
    const mark = entry.result === 'ok' ? '✅' : entry.code === 'job.members_failed' ? '⚠️' : '❌';
    const failed = entry.result === 'failed' && entry.kind === 'fix' ? `: failed, ${why(entry.code)}` : '';
    // Fix rows from before the sentences kept the card data: say what the button did instead.
    const what = entry.summary.startsWith('{') ? ` ${BUTTONS[entry.what] ?? 'pressed a button on a card'}` : change(entry.summary);
    return `${mark} ${who}${what}${failed}`;
  }
  if (entry.code === 'auth.tenant') return `⛔ ${who} wrote from another tenant: refused`;
  switch (entry.result) {
    case 'ok':
      return `✅ ${who} ${request(entry)}`;
    case 'refused':
      return `⛔ ${who} ${request(entry)}: refused, ${why(entry.code)}`;
    case 'failed':
      return `❌ ${who} ${request(entry)}: failed, ${why(entry.code)}`;
  }
}
