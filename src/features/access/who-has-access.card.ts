import { inert } from '../../app/text';
import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { button } from '../diagnose/verbs';
import type { AccessPerson, AccessReport } from './classify-access';

/** Card verbs of the access feature. */
export const ACCESS_VERBS = {
  syncMissing: 'access.sync-missing',
  confirmSync: 'access.confirm-sync',
  assignRoles: 'access.assign-roles',
  pickRole: 'access.pick-role',
  confirmRemove: 'access.confirm-remove',
} as const;

/** Names per list on the card (Teams' card size); the CLI's --json has everyone. */
export const NAMES_SHOWN = 15;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "Jane Doe, Wei Zhang (no Dataverse licence), …and 3 more": names from Entra and Dataverse, escaped. */
export function namesLine(people: readonly AccessPerson[], max = NAMES_SHOWN): string {
  const shown = people.slice(0, max).map((p) => `${inert(p.name)}${p.note ? ` (${p.note})` : ''}`);
  const hidden = people.length - shown.length;
  return `${shown.join(', ')}${hidden > 0 ? `, …and ${hidden.toLocaleString('en-US')} more` : ''}`;
}

function sections(r: AccessReport) {
  const env = r.environment.displayName;
  const group = r.group ? `${r.group.displayName}` : null;
  const list = [
    { icon: '✅', people: r.withRole, heading: `In ${env} with a role`, explain: group ? `Direct members of ${group}, enabled, with a security role (directly or through a team).` : 'Enabled, with a security role (directly or through a team).' },
    { icon: '⚠️', people: r.withoutRole, heading: `In ${env} without any role`, explain: 'They can sign in but open no app until they have a security role.' },
    ...(group ? [{ icon: '🔄', people: r.notYet, heading: `Members of ${group} not yet in ${env}`, explain: "They won't appear until they've accessed the environment (or an admin syncs them): Dataverse adds people just in time." }] : []),
    { icon: '⏳', people: r.willBeDisabled, heading: 'Enabled now, disabled at the next background sync', explain: group ? `No longer in ${group}, no Dataverse licence, or gone from Entra ID. Admins in Administrative mode are not counted (I don't read admin roles here).` : 'Gone from Entra ID.' },
    { icon: '⛔', people: r.disabled, heading: `Disabled in ${env}`, explain: 'Their records stay; a sync re-enables anyone who meets the rules again.' },
  ];
  return list.map((s) => ({ icon: s.icon, heading: `${s.heading}: ${s.people.length.toLocaleString('en-US')}`, explain: s.explain, people: namesLine(s.people) }));
}

/** The buttons: bulk fixes for admins (helpdesk sees them too; the click is refused for them). */
function actions(r: AccessReport) {
  const env = r.environment.displayName;
  const data = { environmentId: r.environment.id };
  return [
    ...(r.notYet.length > 0 ? [button(`Sync the ${plural(r.notYet.length, 'person', 'people')} not yet in ${env}`, ACCESS_VERBS.syncMissing, data)] : []),
    ...(r.withoutRole.length > 0 ? [button(`Assign a role to the ${plural(r.withoutRole.length, 'person', 'people')} without one`, ACCESS_VERBS.assignRoles, data)] : []),
  ];
}

export function whoHasAccessView(r: AccessReport) {
  const inDataverse = r.withRole.length + r.withoutRole.length + r.willBeDisabled.length + r.disabled.length;
  const groupLine = r.group ? `Security group ${r.group.displayName}: ${plural(r.memberCount, 'direct member')} count` : `${r.environment.displayName} has no security group: every licensed person may be added`;
  const nested = r.nestedGroups.length > 0 ? ` (members of the nested group${r.nestedGroups.length === 1 ? '' : 's'} ${r.nestedGroups.map(inert).join(', ')} don't count)` : '';
  return {
    title: `Who has access to ${r.environment.displayName}`,
    summary: `${groupLine}${nested}. Dataverse has ${plural(inDataverse, 'person', 'people')}${r.others > 0 ? ` and ${plural(r.others, 'other row')} (application users, support)` : ''}.`,
    sections: sections(r),
    footer: `Everyone, as data: npm run cli -- who-has-access "${r.environment.displayName}" --json`,
    actions: actions(r),
  };
}

export const whoHasAccessCard = (report: AccessReport): AdaptiveCard => renderCard('who-has-access', whoHasAccessView(report));
