import type { Deps } from '../../app/deps';
import type { DirectoryUser, EnvironmentUser } from '../../gateways/types';
import { answer, type Answer } from '../roles/shared/answer';
import type { DataverseEnvironment } from '../roles/shared/find-target';
import { copiesOf, readCatalogue, rootRoles, unitName, type RoleCatalogue } from '../roles/shared/role-catalogue';
import { readAccess } from './who-has-access';

/**
 * "Assign a role": which role, with the roles of the person's peers first (members of the environment's security
 * group in Dataverse, and people in the same group teams). Each choice runs the roles feature's own command
 * (`give … the … role in …`, or `sync … as …` for people not in Dataverse yet), which confirms and assigns: the bot
 * has one way to give a role.
 */

/** One sync message holds at most this many people (the sync command's limit on named people). */
export const MAX_PEOPLE_PER_COMMAND = 40;
const MAX_CHOICES = 5;

interface Ranked {
  name: string;
  peers: number;
}

/** Root roles by how many peers hold any business unit's copy, directly or through one of their teams. */
export function rankByPeers(catalogue: RoleCatalogue, peers: readonly EnvironmentUser[]): Ranked[] {
  return rootRoles(catalogue)
    .map((role) => {
      const copies = copiesOf(catalogue, role.rootRoleId);
      const users = new Set(copies.flatMap((c) => c.userIds.map((id) => id.toLowerCase())));
      const teams = new Set(copies.flatMap((c) => c.teamIds.map((id) => id.toLowerCase())));
      const holding = peers.filter((p) => users.has(p.systemUserId.toLowerCase()) || p.teamIds.some((t) => teams.has(t)));
      return { name: role.name, peers: holding.length };
    })
    .sort((a, b) => b.peers - a.peers || a.name.localeCompare(b.name));
}

/** The business unit most peers with a role are in, when it is not the person's: moving there comes first (§9.2). */
function peersUnit(catalogue: RoleCatalogue, peers: readonly EnvironmentUser[], own: string | undefined): string | null {
  const counts = new Map<string, number>();
  for (const peer of peers) if (peer.businessUnitId && peer.directRoles + peer.teamRoles > 0) counts.set(peer.businessUnitId.toLowerCase(), (counts.get(peer.businessUnitId.toLowerCase()) ?? 0) + 1);
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (!top || !own || top[0] === own.toLowerCase()) return null;
  return unitName(catalogue, top[0]);
}

function describe(ranked: readonly Ranked[], peers: number): string {
  const held = ranked.filter((r) => r.peers > 0);
  if (held.length === 0) return peers > 0 ? `None of the ${peers} peers holds a role yet.` : 'I found no peers in the same security group or group teams.';
  return `Roles their peers hold: ${held.slice(0, 8).map((r) => `${r.name} (${r.peers} of ${peers})`).join(', ')}.`;
}

/** One person (from a diagnosis): their row decides between `give` (in Dataverse) and `sync … as` (not yet). */
export async function pickRoleForPerson(deps: Deps, env: DataverseEnvironment, user: DirectoryUser): Promise<Answer> {
  const url = env.dataverse.instanceUrl;
  const [catalogue, { report, rows }, groupTeams, memberOf] = await Promise.all([
    readCatalogue(deps, url, { withHolders: true }),
    readAccess(deps, env),
    deps.dataverse.listGroupTeams(url),
    deps.graph.getMemberOf(user.id),
  ]);
  const row = rows.find((r) => r.azureObjectId.toLowerCase() === user.id.toLowerCase());
  const myGroups = new Set(memberOf.groups.map((g) => g.id.toLowerCase()));
  const myTeams = new Set(groupTeams.filter((t) => t.groupId && myGroups.has(t.groupId.toLowerCase())).map((t) => t.teamId.toLowerCase()));
  const groupPeers = new Set([...report.withRole, ...report.withoutRole].map((p) => p.id.toLowerCase()));
  const peers = rows.filter((r) => r !== row && !r.applicationId && (groupPeers.has(r.azureObjectId.toLowerCase()) || r.teamIds.some((t) => myTeams.has(t))));
  const ranked = rankByPeers(catalogue, peers);
  const who = user.displayName;
  const command = (role: string) => (row ? `give ${user.id} the ${role} role in ${env.id}` : `sync ${user.id} to ${env.id} as ${role}`);
  const unit = row ? peersUnit(catalogue, peers, row.businessUnitId) : null;
  const choices = [
    ...(unit ? [{ title: `Move ${who} to business unit ${unit}`, command: `move ${user.id} to business unit ${unit} in ${env.id}` }] : []),
    ...ranked.slice(0, MAX_CHOICES - (unit ? 1 : 0)).map((r) => ({ title: r.peers > 0 ? `${r.name} (${r.peers} of ${peers.length} peers)` : r.name, command: command(r.name) })),
  ];
  const lead = row ? `Which security role should ${who} get in ${env.displayName}?` : `${who} isn't in ${env.displayName} yet: I'll sync ${who} with the role you pick.`;
  const move = unit ? ` Most peers with a role are in the business unit ${unit}: move ${who} there first, or the role comes from ${who}'s own unit.` : '';
  return answer(`${lead} ${describe(ranked, peers.length)}${move} Another role: "give ${who} the <role> role in ${env.displayName}".`, choices);
}

/** Several people without a role (from "who has access"): one sync-with-role command for all of them. */
export async function pickRoleForPeople(deps: Deps, env: DataverseEnvironment): Promise<Answer> {
  const url = env.dataverse.instanceUrl;
  const [catalogue, { report, rows }] = await Promise.all([readCatalogue(deps, url, { withHolders: true }), readAccess(deps, env)]);
  const people = report.withoutRole;
  if (people.length === 0) return answer(`Everyone in ${env.displayName} has a role now.`);
  if (people.length > MAX_PEOPLE_PER_COMMAND) {
    return answer(
      `${people.length} people in ${env.displayName} have no role: more than I can name in one sync (${MAX_PEOPLE_PER_COMMAND}). Put them in an Entra group and "sync <group> to ${env.displayName} as <role>", or link a group to a role: "link <group> to ${env.displayName} as <role>".`,
    );
  }
  const peerIds = new Set(report.withRole.map((p) => p.id.toLowerCase()));
  const ranked = rankByPeers(catalogue, rows.filter((r) => peerIds.has(r.azureObjectId.toLowerCase())));
  const ids = people.map((p) => p.id).join(', ');
  const choices = ranked.slice(0, MAX_CHOICES).map((r) => ({ title: r.peers > 0 ? `${r.name} (${r.peers} of ${peerIds.size} with a role)` : r.name, command: `sync ${ids} to ${env.id} as ${r.name}` }));
  const names = people.map((p) => p.name).join(', ');
  return answer(`Which security role should ${names} get in ${env.displayName}? ${describe(ranked, peerIds.size).replace('their peers', 'the others')} I sync them with it: they are in Dataverse already, so only the role changes.`, choices);
}
