import { check, list, type EvalContext } from './context';
import type { AccessCheck } from './diagnosis';

const TITLE = 'Security group';

/** microsoft-apis.md §1.4 rule 3 and the security-group details (direct members only, owners on demand, admin exemptions). */
export function checkSecurityGroup(ctx: EvalContext): AccessCheck {
  const { environment, securityGroup: sg, user } = ctx.facts;
  if (!environment.dataverse) return check('security-group', TITLE, 'info', `Not applicable: ${ctx.env} has no Dataverse database.`);
  if (!environment.dataverse.securityGroupId) {
    const why =
      environment.sku === 'Default' || environment.sku === 'Developer'
        ? `${ctx.env} is a ${environment.sku} environment, which can't have a security group`
        : `${ctx.env} has no security group`;
    return check('security-group', TITLE, 'pass', `${why}, so every licensed person in the tenant can be added.`);
  }
  if (!user) return check('security-group', TITLE, 'info', 'Not checked: there is no account.');
  const addFix = (name: string) => ({ text: `Add ${ctx.who} to ${name} (directly), then sync again.`, action: 'add-to-security-group' as const });
  if (!sg) {
    return check('security-group', TITLE, 'warn', `${ctx.env} has a security group, but I couldn't read it to check ${ctx.who}'s membership.`);
  }
  if (sg.directMember) return check('security-group', TITLE, 'pass', `${ctx.who} is a direct member of ${sg.displayName}, the security group of ${ctx.env}.`);
  if (ctx.groupExempt) {
    return check(
      'security-group',
      TITLE,
      'pass',
      `${ctx.who} is not in ${sg.displayName}, but doesn't need to be: ${ctx.adminRole}s are exempt from the environment's security group.`,
    );
  }
  const d365 = ctx.facts.adminRoles.dynamics365 ? ' Dynamics 365 administrators are not exempt (only Global and Power Platform administrators are).' : '';
  if (sg.owner) {
    return check(
      'security-group',
      TITLE,
      'warn',
      `${ctx.who} owns ${sg.displayName} but is not a member. Owners count only when added on demand (first sign-in or Sync now); the background sync ignores them.${d365}`,
      { text: `Sync ${ctx.who} now, or add ${ctx.who} to ${sg.displayName} as a member so it always holds.`, action: 'sync-user' },
    );
  }
  if (sg.transitiveMember) {
    const via = sg.viaGroups && sg.viaGroups.length > 0 ? ` (through ${list(sg.viaGroups)})` : '';
    return check(
      'security-group',
      TITLE,
      'fail',
      `${ctx.who} is in ${sg.displayName} only through a nested group${via}. Nested membership doesn't count for environment access (documented for the background sync; Microsoft documents no exception for Sync now).${d365}`,
      addFix(sg.displayName),
    );
  }
  return check('security-group', TITLE, 'fail', `${ctx.who} is not a member of ${sg.displayName}, the security group of ${ctx.env}.${d365}`, addFix(sg.displayName));
}
