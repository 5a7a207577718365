import { ADMIN_CENTER_NAMES, adminCenterLink, type AdminCenter } from '../../app/admin-centers';
import { RUN_COMMAND_VERB } from '../../app/run-command';
import type { AccessCheck, Diagnosis } from '../../domain/access/diagnosis';
import type { CloudName } from '../../gateways/auth/clouds';
import { ACCESS_VERBS } from '../access/who-has-access.card';
import { LICENCE_VERBS } from '../licences/licences.command';
import { button, DIAGNOSE_VERBS, type CardButton } from './verbs';

/**
 * Every failing or warning check ends with a next step (issue 13 item 7): a button when the bot can fix it
 * (admins; the click is authorised again), else who can, and where, with a link to the admin site the bot builds
 * itself (src/app/admin-centers.ts: never from text anyone typed).
 */
export interface NextStep {
  buttons: CardButton[];
  /** "A User Administrator: Microsoft 365 admin center → Users → …" */
  who: string;
  link: { title: string; url: string } | null;
}

const NONE: NextStep = { buttons: [], who: '', link: null };

function place(cloud: CloudName, center: AdminCenter, who: string, path: string, environmentId?: string): NextStep {
  const url = adminCenterLink(cloud, center, environmentId);
  const name = ADMIN_CENTER_NAMES[center];
  return { buttons: [], who: `${who}: ${name} → ${path}.`, link: url ? { title: `Open the ${name}`, url } : null };
}

/** The next step of one check (none for passing and informational checks). */
export function nextStep(d: Diagnosis, check: AccessCheck, cloud: CloudName): NextStep {
  if (check.status === 'pass' || check.status === 'info') return NONE;
  const env = d.environment;
  const user = d.user;
  const ids = user ? { userId: user.id, environmentId: env.id } : null;
  const name = user?.displayName ?? 'them';
  switch (check.fix?.action) {
    case 'sync-user':
      return ids ? { ...NONE, buttons: [button(`Sync ${name} to ${env.displayName} now`, DIAGNOSE_VERBS.sync, ids)] } : NONE;
    case 'add-to-security-group':
      return ids && d.keyFacts.securityGroup ? { ...NONE, buttons: [button(`Add ${name} to ${d.keyFacts.securityGroup}`, DIAGNOSE_VERBS.addToGroup, ids)] } : NONE;
    case 'fix-licence':
      return ids ? { ...NONE, buttons: [button(`Fix ${name}'s licence`, LICENCE_VERBS.fix, ids)] } : NONE;
    default:
      return byCheck(d, check, cloud, ids);
  }
}

/** Checks whose fix is no button of their own: a role (the roles feature), or who can and where. */
function byCheck(d: Diagnosis, check: AccessCheck, cloud: CloudName, ids: { userId: string; environmentId: string } | null): NextStep {
  const env = d.environment;
  const name = d.user?.displayName ?? d.subject?.displayName ?? 'the person';
  switch (check.id) {
    case 'entra-account':
      return d.subject?.kind === 'deletedPerson' || !d.user
        ? place(cloud, 'microsoft365', 'A User Administrator restores a deleted account within 30 days', 'Users → Deleted users')
        : place(cloud, 'microsoft365', 'A User Administrator unblocks sign-in', `Users → Active users → ${name} → Unblock sign-in`);
    case 'license':
      return place(cloud, 'microsoft365', 'A License Administrator changes the licence', `Users → Active users → ${name} → Licenses and apps`);
    case 'security-role':
      return ids && !/couldn't read/i.test(check.detail) ? { ...NONE, buttons: [button(`Assign ${name} a role`, ACCESS_VERBS.pickRole, ids)] } : NONE;
    case 'dataverse-user':
      if (/couldn't read/i.test(check.detail)) return { ...NONE, buttons: [button('Check my set-up (doctor)', RUN_COMMAND_VERB, { text: 'doctor' })] };
      return place(cloud, 'powerPlatform', `A System Administrator of ${env.displayName} changes the user`, 'Settings → Users + permissions → Users', env.id);
    case 'environment':
      return place(cloud, 'powerPlatform', environmentWho(check), `Environments → ${env.displayName}`, env.id);
    default:
      return NONE;
  }
}

function environmentWho(check: AccessCheck): string {
  if (/administration mode/i.test(check.detail)) return 'A Power Platform administrator (or a System Administrator of the environment) turns off administration mode';
  if (/Developer environment/i.test(check.detail)) return 'Only its creator gets into a Developer environment; a Power Platform administrator can create a Sandbox instead';
  return 'A Power Platform administrator';
}
