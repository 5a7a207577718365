import type { Deps } from '../../../app/deps';
import { roleSources } from '../../../domain/access/check-security-role';
import { buildContext } from '../../../domain/access/context';
import { NO_ADMIN_ROLES } from '../../../domain/access/facts';
import type { DataverseTeam, DirectoryGroup, DirectoryUser, Environment } from '../../../gateways/types';

/** What a group team will give the synced members once they are in the environment. */
export interface GroupTeamGift {
  team: string;
  roles: string[];
  /** Members of the sync that join this team at sign-in (by its membership type). */
  members: number;
}

/**
 * Counts, member by member, the group teams of the synced group that will give a role once the member
 * is in Dataverse, with the diagnosis's own rule (roleSources in domain/access/check-security-role.ts:
 * membership type against user type and ownership). Reads: the environment's group teams (one Dataverse
 * request), and the group's owners only when one of its teams is for owners (one Graph request).
 */
export async function groupTeamTally(deps: Pick<Deps, 'dataverse' | 'graph'>, environment: Environment, group: DirectoryGroup): Promise<((users: readonly DirectoryUser[]) => void) & { gifts(): GroupTeamGift[] }> {
  const instanceUrl = environment.dataverse?.instanceUrl;
  const teams: DataverseTeam[] = instanceUrl ? (await deps.dataverse.listGroupTeams(instanceUrl)).filter((t) => t.groupId?.toLowerCase() === group.id.toLowerCase() && t.roles.length > 0) : [];
  const owners = teams.some((t) => t.membershipType === 2) ? new Set((await deps.graph.listGroupOwnerIds(group.id)).map((id) => id.toLowerCase())) : new Set<string>();
  const counts = new Map<string, GroupTeamGift>();
  const add = (users: readonly DirectoryUser[]) => {
    if (teams.length === 0) return;
    for (const user of users) {
      const ctx = buildContext({
        user, environment, skus: [], adminRoles: NO_ADMIN_ROLES, securityGroup: null, systemUser: null, groupTeams: teams,
        userGroupIds: [group.id], ownedGroupIds: owners.has(user.id.toLowerCase()) ? [group.id] : [],
      });
      const byTeam = new Map<string, string[]>();
      for (const due of roleSources(ctx).pending) byTeam.set(due.team, [...(byTeam.get(due.team) ?? []), due.role]);
      for (const [team, roles] of byTeam) {
        const gift = counts.get(team) ?? { team, roles, members: 0 };
        gift.members += 1;
        counts.set(team, gift);
      }
    }
  };
  return Object.assign(add, { gifts: () => [...counts.values()] });
}
