import { licenceEntitlements, usableClasses } from '../../domain/licensing';
import type { DirectoryUser, Environment, EnvironmentUser, GroupMember, SubscribedSku } from '../../gateways/types';

/**
 * "Who has access to UAT": the environment's security group next to its Dataverse users (§1.4, §3.5). Pure: the
 * reads are in who-has-access.ts. Admin roles are not read (that would cost requests beyond the bound): a row in
 * Administrative access mode is taken for an admin, whom neither the group nor the licence rule disables.
 */

export interface AccessPerson {
  /** Entra object id. */
  id: string;
  name: string;
  upn: string;
  /** Why the person is in this list, when it needs saying ("no Dataverse licence", "sign-in blocked"). */
  note: string | null;
  /** The Dataverse row, when there is one (the role buttons need it). */
  systemUserId: string | null;
}

export interface AccessReport {
  environment: { id: string; displayName: string; sku: string };
  /** null: the environment has no security group, so every licensed person may be added. */
  group: { id: string; displayName: string } | null;
  /** Direct members of the group already in Dataverse and enabled, with a role (direct or through a team). */
  withRole: AccessPerson[];
  /** …and without any role: they can sign in but open no app. */
  withoutRole: AccessPerson[];
  /** Direct members not in Dataverse yet: "they won't appear until they've accessed the environment" (seed 000). */
  notYet: AccessPerson[];
  /** Enabled Dataverse users the next background sync disables: not in the group, no Dataverse licence, or gone from Entra. */
  willBeDisabled: AccessPerson[];
  /** Disabled Dataverse users (their records stay). */
  disabled: AccessPerson[];
  /** Direct user members of the security group (0 without one). */
  memberCount: number;
  /** Groups nested in the security group: their members don't count (§1.4). */
  nestedGroups: string[];
  /** Rows that are no people: application users, the support user and delegated admins. */
  others: number;
}

export interface AccessInputs {
  environment: Environment;
  groupName: string | null;
  /** Direct members of the security group (empty without one). */
  members: readonly GroupMember[];
  rows: readonly EnvironmentUser[];
  skus: readonly SubscribedSku[];
}

const NOT_PEOPLE = new Set(['Support User', 'Delegated Admin']);

/** Whether a licence lets the person into this environment (§5.2 classes; app passes count on demand, §1.4). */
function licensed(user: DirectoryUser, env: Environment, skus: readonly SubscribedSku[]): boolean {
  if (env.appPassCapacity > 0) return true;
  const classes = usableClasses(licenceEntitlements(user.assignedLicenses, skus));
  return [...classes].some((cls) => cls !== 'teamsOnly' || env.sku === 'Teams');
}

const person = (id: string, name: string, upn: string, note: string | null, systemUserId: string | null): AccessPerson => ({ id, name, upn, note, systemUserId });
const byName = (a: AccessPerson, b: AccessPerson) => a.name.localeCompare(b.name);

export function classifyAccess(input: AccessInputs): AccessReport {
  const { environment: env, rows, skus } = input;
  const groupId = env.dataverse?.securityGroupId ?? null;
  const users = new Map<string, DirectoryUser>();
  const nestedGroups: string[] = [];
  for (const member of input.members) {
    if (member.kind === 'user') users.set(member.id.toLowerCase(), member);
    else if (member.kind === 'group') nestedGroups.push(member.displayName);
  }
  const report: AccessReport = {
    environment: { id: env.id, displayName: env.displayName, sku: env.sku },
    group: groupId ? { id: groupId, displayName: input.groupName ?? `group ${groupId}` } : null,
    withRole: [],
    withoutRole: [],
    notYet: [],
    willBeDisabled: [],
    disabled: [],
    memberCount: users.size,
    nestedGroups: nestedGroups.sort(),
    others: 0,
  };
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.applicationId || NOT_PEOPLE.has(row.accessMode)) {
      report.others += 1;
      continue;
    }
    const key = row.azureObjectId.toLowerCase();
    seen.add(key);
    const member = users.get(key);
    const entry = (note: string | null) => person(row.azureObjectId, member?.displayName ?? row.fullName, member?.userPrincipalName ?? row.domainName, note, row.systemUserId);
    if (row.isDisabled) {
      const back = member && member.accountEnabled && licensed(member, env, skus) ? 'a sync re-enables them' : null;
      report.disabled.push(entry(back));
      continue;
    }
    const gone = gonePerson(row, member, groupId !== null, env, skus);
    if (gone) report.willBeDisabled.push(entry(gone));
    else (row.directRoles + row.teamRoles > 0 ? report.withRole : report.withoutRole).push(entry(groupId !== null && !member ? 'not in the group: kept in Administrative mode, as an admin' : null));
  }
  for (const [key, user] of users) {
    if (seen.has(key)) continue;
    const note = !user.accountEnabled ? 'sign-in blocked: a sync would be refused' : licensed(user, env, skus) ? null : 'no Dataverse licence: a sync would be refused';
    report.notYet.push(person(user.id, user.displayName, user.userPrincipalName, note, null));
  }
  for (const list of [report.withRole, report.withoutRole, report.notYet, report.willBeDisabled, report.disabled]) list.sort(byName);
  return report;
}

/** Why the next background sync disables an enabled row (§1.4), or null when it stays. */
function gonePerson(row: EnvironmentUser, member: DirectoryUser | undefined, hasGroup: boolean, env: Environment, skus: readonly SubscribedSku[]): string | null {
  if (row.azureState === 1) return 'deleted in Entra ID';
  if (row.azureState === 2) return 'no longer in Entra ID';
  const admin = row.accessMode === 'Administrative';
  if (hasGroup && !member) return admin ? null : 'no longer in the security group';
  if (member && !member.accountEnabled) return 'sign-in blocked in Entra ID';
  if (member && !admin && row.accessMode !== 'Non-interactive' && !licensed(member, env, skus)) return 'no Dataverse licence';
  return null;
}
