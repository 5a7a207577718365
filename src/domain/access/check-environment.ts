import { check, type EvalContext } from './context';
import type { AccessCheck } from './diagnosis';
import type { RoleSources } from './check-security-role';

const TITLE = 'Environment';
const ADMIN_MODE_ROLES = new Set(['system administrator', 'system customizer']);

/** microsoft-apis.md §1.4 environment-type specifics, §2.2 states. */
export function checkEnvironment(ctx: EvalContext, roles: RoleSources): AccessCheck {
  const env = ctx.facts.environment;
  const name = `${ctx.env} (${env.sku})`;
  if (!env.dataverse) {
    return check('environment', TITLE, 'fail', `${name} has no Dataverse database, so nobody can be added to it and apps that need Dataverse can't run there.`, {
      text: `Use an environment with Dataverse, or add a Dataverse database to ${ctx.env} in the Power Platform admin center.`,
    });
  }
  if (env.runtimeState === 'AdminMode') {
    const allowed = roles.effective.some((r) => ADMIN_MODE_ROLES.has(r.role.toLowerCase()));
    const detail = `${name} is in administration mode: only System Administrators and System Customizers can sign in.`;
    if (allowed) return check('environment', TITLE, 'warn', `${detail} ${ctx.who} has one of those roles.`);
    return check('environment', TITLE, 'fail', detail, {
      text: `Ask an admin to turn off administration mode for ${ctx.env} (Power Platform admin center > Environments > ${ctx.env} > Edit).`,
    });
  }
  if (env.runtimeState !== 'Enabled') {
    return check('environment', TITLE, 'fail', `${name} is ${env.runtimeState}, so nobody can sign in.`, {
      text: `Ask an admin to enable ${ctx.env} in the Power Platform admin center.`,
    });
  }
  switch (env.sku) {
    case 'Default':
      return check('environment', TITLE, 'pass', `${name} has Dataverse and is enabled. The Default environment includes every licensed user and can't have a security group.`);
    case 'Developer':
      return check('environment', TITLE, 'info', `${name} has Dataverse and is enabled. Developer environments only add their creator automatically; anyone else must be added on demand.`);
    case 'Trial':
      return check('environment', TITLE, 'info', `${name} has Dataverse and is enabled. Trial environments add people only on demand (first sign-in or Sync now), never in the background.`);
    case 'Teams':
      return check('environment', TITLE, 'info', `${name} is a Dataverse for Teams environment: people are added on their first access from Teams, and access follows membership of the team.`);
    default:
      return check('environment', TITLE, 'pass', `${name} has Dataverse and is enabled.`);
  }
}
