import type { DataverseTeam } from '../../gateways/types';
import { check, list, type EvalContext } from './context';
import type { AccessCheck } from './diagnosis';

const TITLE = 'Security role';

export interface RoleSources {
  /** Roles the person holds now: "Basic User (direct)", "Sales Rep (team Sales Team)". */
  effective: { role: string; via: string }[];
  /** Roles due through Entra group teams the person is not (yet) a member of in Dataverse. */
  pending: { role: string; team: string }[];
}

/** membershiptype: 0 members and guests, 1 members, 2 owners (ownership of the team's group is not gathered: not matched), 3 guests. */
function teamAdmits(team: DataverseTeam, userType: 'Member' | 'Guest'): boolean {
  if (team.membershipType === 0) return true;
  if (team.membershipType === 1) return userType === 'Member';
  if (team.membershipType === 3) return userType === 'Guest';
  return false;
}

export function roleSources(ctx: EvalContext): RoleSources {
  const { user, groupTeams, userGroupIds } = ctx.facts;
  const row = ctx.row;
  const effective: RoleSources['effective'] = [];
  for (const role of row?.directRoles ?? []) effective.push({ role: role.name, via: 'direct' });
  for (const team of row?.teams ?? []) {
    const kind = team.teamType === 'owner' || team.teamType === 'access' ? 'team' : 'group team';
    for (const role of team.roles) effective.push({ role: role.name, via: `${kind} ${team.name}` });
  }
  const joined = new Set((row?.teams ?? []).map((t) => t.teamId.toLowerCase()));
  const groups = new Set(userGroupIds.map((id) => id.toLowerCase()));
  const pending: RoleSources['pending'] = [];
  for (const team of groupTeams) {
    if (!user || !team.groupId || joined.has(team.teamId.toLowerCase())) continue;
    if (!groups.has(team.groupId.toLowerCase()) || !teamAdmits(team, user.userType)) continue;
    for (const role of team.roles) pending.push({ role: role.name, team: team.name });
  }
  return { effective, pending };
}

/** Roles direct, through owner/access teams, and through Entra group teams (microsoft-apis.md §3.5, §6). */
export function checkSecurityRole(ctx: EvalContext, sources: RoleSources): AccessCheck {
  const { facts } = ctx;
  if (!ctx.hasDataverse) return check('security-role', TITLE, 'info', `Not applicable: ${ctx.env} has no Dataverse database.`);
  if (!facts.user) return check('security-role', TITLE, 'info', 'Not checked: there is no account.');
  if (facts.systemUser === 'unknown') return check('security-role', TITLE, 'warn', `I couldn't read ${ctx.env}'s users, so I can't list ${ctx.who}'s roles.`);
  const has = sources.effective.map((s) => `${s.role} (${s.via})`);
  const due = sources.pending.map((p) => `${p.role} (group team ${p.team})`);
  const dueText = due.length > 0 ? ` Through Entra group teams ${ctx.who} also gets ${list(due)}: group-team roles only take effect once ${ctx.who} is in ${ctx.env} and signs in, because Dataverse fills group teams at sign-in.` : '';
  if (has.length > 0) return check('security-role', TITLE, 'pass', `${ctx.who} has ${list(has)}.${dueText}`);
  if (due.length > 0) {
    const when = ctx.row ? `at ${ctx.who}'s next sign-in` : `once ${ctx.who} is added to ${ctx.env} and signs in`;
    return check(
      'security-role',
      TITLE,
      'info',
      `${ctx.who} has no role yet, but gets ${list(due)} ${when}: group-team roles only take effect for provisioned users, because Dataverse fills group teams at sign-in.`,
    );
  }
  if (!ctx.row) {
    return check(
      'security-role',
      TITLE,
      'warn',
      `${ctx.who} isn't in ${ctx.env} yet, so has no role there, and none of ${ctx.who}'s groups has a group team with a role. After the sync ${ctx.who} still needs a security role, or every app says "no roles".`,
      { text: `After syncing, assign a security role (for example Basic User) to ${ctx.who} in ${ctx.env}, or create a group team with a role for one of ${ctx.who}'s groups.` },
    );
  }
  return check(
    'security-role',
    TITLE,
    'fail',
    `${ctx.who} has no security role in ${ctx.env}: not directly, not through a team, and none of ${ctx.who}'s groups has a group team with a role. Without a role ${ctx.who} can't open any app.`,
    { text: `Assign a security role (for example Basic User) to ${ctx.who} in ${ctx.env}, directly or through a group team for one of ${ctx.who}'s groups.` },
  );
}
