import type { DataverseTeam, SecurityRole } from '../../gateways/types';
import { check, list, type EvalContext } from './context';
import type { AccessCheck } from './diagnosis';

const TITLE = 'Security role';

/** A role's id and, when read, its root role (`_parentrootroleid_value`): what app checks compare (§16). */
export interface RoleKey {
  roleId?: string;
  rootRoleId?: string | null;
}

export interface RoleSources {
  /** Roles the person holds now: "Basic User (direct)", "Sales Rep (team Sales Team)". */
  effective: ({ role: string; via: string } & RoleKey)[];
  /** Roles due through Entra group teams the person is not (yet) a member of in Dataverse. */
  pending: ({ role: string; team: string } & RoleKey)[];
  /** Group-team roles of groups the person reaches only through a nested group: not counted (UNVERIFIED). */
  nestedOnly: ({ role: string; team: string } & RoleKey)[];
}

const keyOf = (role: SecurityRole): RoleKey => ({ roleId: role.roleId, rootRoleId: role.rootRoleId });

/**
 * Whether the person joins a group team at sign-in: membershiptype 0 members and guests, 1 members,
 * 3 guests — direct members of the team's group; 2 owners — owners of the group (§3.5, §1.7
 * `--membership-type`). Direct only is an assumption (UNVERIFIED), shared with the simulator.
 */
type Relation = 'member' | 'owner' | 'nested' | null;

function relation(ctx: EvalContext, team: DataverseTeam): Relation {
  const { user, userGroupIds, nestedGroupIds = [], ownedGroupIds = [] } = ctx.facts;
  const has = (ids: string[]) => team.groupId !== null && ids.some((id) => id.toLowerCase() === team.groupId?.toLowerCase());
  if (!user) return null;
  if (team.membershipType === 2) return has(ownedGroupIds) ? 'owner' : null;
  const admitted = team.membershipType === 0 || (team.membershipType === 1 && user.userType === 'Member') || (team.membershipType === 3 && user.userType === 'Guest');
  if (!admitted) return null;
  return has(userGroupIds) ? 'member' : has(nestedGroupIds) ? 'nested' : null;
}

export function roleSources(ctx: EvalContext): RoleSources {
  const row = ctx.row;
  const effective: RoleSources['effective'] = [];
  for (const role of row?.directRoles ?? []) effective.push({ role: role.name, via: 'direct', ...keyOf(role) });
  for (const team of row?.teams ?? []) {
    const kind = team.teamType === 'owner' || team.teamType === 'access' ? 'team' : 'group team';
    for (const role of team.roles) effective.push({ role: role.name, via: `${kind} ${team.name}`, ...keyOf(role) });
  }
  const joined = new Set((row?.teams ?? []).map((t) => t.teamId.toLowerCase()));
  const pending: RoleSources['pending'] = [];
  const nestedOnly: RoleSources['pending'] = [];
  for (const team of ctx.facts.groupTeams) {
    if (joined.has(team.teamId.toLowerCase())) continue;
    const how = relation(ctx, team);
    const into = how === 'member' || how === 'owner' ? pending : how === 'nested' ? nestedOnly : null;
    for (const role of into ? team.roles : []) into?.push({ role: role.name, team: team.name, ...keyOf(role) });
  }
  return { effective, pending, nestedOnly };
}

/** Roles direct, through owner/access teams, and through Entra group teams (microsoft-apis.md §3.5, §6). */
export function checkSecurityRole(ctx: EvalContext, sources: RoleSources): AccessCheck {
  const { facts } = ctx;
  if (!ctx.hasDataverse) return check('security-role', TITLE, 'info', `Not applicable: ${ctx.env} has no Dataverse database.`);
  if (!facts.user) return check('security-role', TITLE, 'info', 'Not checked: there is no account.');
  if (facts.systemUser === 'unknown') return check('security-role', TITLE, 'warn', `I couldn't read ${ctx.env}'s users, so I can't list ${ctx.who}'s roles.`);
  const has = sources.effective.map((s) => `${s.role} (${s.via})`);
  const due = sources.pending.map((p) => `${p.role} (group team ${p.team})`);
  const dueText = due.length > 0 ? ` Through Entra group teams ${ctx.who} also gets ${list(due)}: a group team's role reaches ${ctx.who} only after ${ctx.who} is in ${ctx.env} and has signed in once (Dataverse adds people to group teams when they sign in).` : '';
  const nested = sources.nestedOnly.map((p) => `${p.role} (group team ${p.team})`);
  const nestedText =
    nested.length > 0
      ? ` Not counted: ${list(nested)}, because ${ctx.who} is in ${nested.length > 1 ? 'those teams\' groups' : "that team's group"} only through a nested group; Microsoft doesn't say that a nested group counts for a group team, so I don't count it.`
      : '';
  if (has.length > 0) return check('security-role', TITLE, 'pass', `${ctx.who} has ${list(has)}.${dueText}${nestedText}`);
  if (due.length > 0) {
    const when = ctx.row ? `at ${ctx.who}'s next sign-in` : `once ${ctx.who} is added to ${ctx.env} and signs in`;
    return check(
      'security-role',
      TITLE,
      'info',
      `${ctx.who} has no role yet, but gets ${list(due)} ${when}: a group team's role reaches ${ctx.who} only after the first sign-in (Dataverse adds people to group teams when they sign in).${nestedText}`,
    );
  }
  if (!ctx.row) {
    return check(
      'security-role',
      TITLE,
      'warn',
      `${ctx.who} isn't in ${ctx.env} yet, so has no role there, and none of ${ctx.who}'s groups has a group team with a role. After the sync ${ctx.who} still needs a security role, or every app says "no roles".${nestedText}`,
      { text: `After syncing, assign a security role (for example Basic User) to ${ctx.who} in ${ctx.env}, or create a group team with a role for one of ${ctx.who}'s groups.` },
    );
  }
  return check(
    'security-role',
    TITLE,
    'fail',
    `${ctx.who} has no security role in ${ctx.env}: not directly, not through a team, and none of ${ctx.who}'s groups has a group team with a role. Without a role ${ctx.who} can't open any app.${nestedText}`,
    { text: `Assign a security role (for example Basic User) to ${ctx.who} in ${ctx.env}, directly or through a group team for one of ${ctx.who}'s groups.` },
  );
}
