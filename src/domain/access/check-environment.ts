import { noDataverseFix } from './add-user-reasons';
import { check, type EvalContext } from './context';
import type { AccessCheck } from './diagnosis';
import type { RoleSources } from './check-security-role';

const TITLE = 'Environment';
const ADMIN_MODE_ROLES = new Set(['system administrator', 'system customizer']);

/**
 * The environment's part of addUser, in addUser's order (microsoft-apis.md §1.3 information steps):
 * `addable` comes before the account checks (exists, enabled, has Dataverse), `creator` after them
 * (Developer environments take only their creator, §1.4). A failing gate blocks a sync.
 */
export interface EnvironmentGates {
  addable: AccessCheck | null;
  creator: AccessCheck | null;
}

export function environmentGates(ctx: EvalContext): EnvironmentGates {
  return { addable: addableGate(ctx), creator: creatorGate(ctx) };
}

/** "The Sandbox environment UAT": the type in words, never a second pair of brackets after a name like "Alex Kim (dev)". */
function label(ctx: EvalContext): string {
  return `The ${ctx.facts.environment.sku} environment ${ctx.env}`;
}

function addableGate(ctx: EvalContext): AccessCheck | null {
  const env = ctx.facts.environment;
  if (!env.dataverse) {
    return check('environment', TITLE, 'fail', `${label(ctx)} has no Dataverse database, so nobody can be added to it and apps that need Dataverse can't run there.`, {
      text: noDataverseFix(ctx.env),
    });
  }
  // AdminMode stops signing in, not adding (UNVERIFIED: Microsoft doesn't say; see checkEnvironment).
  if (env.runtimeState !== 'Enabled' && env.runtimeState !== 'AdminMode') {
    return check('environment', TITLE, 'fail', `${label(ctx)} is ${env.runtimeState || 'in an unknown state'}, so nobody can be added or sign in.`, {
      text: `Ask an admin to enable ${ctx.env} in the Power Platform admin center.`,
    });
  }
  return null;
}

function creatorGate(ctx: EvalContext): AccessCheck | null {
  const { environment: env, user } = ctx.facts;
  const creator = env.createdBy;
  if (env.sku !== 'Developer' || !user || !creator || creator.id.toLowerCase() === user.id.toLowerCase()) return null;
  return check(
    'environment',
    TITLE,
    'fail',
    `${ctx.env} is a Developer environment: only its creator, ${creator.displayName}, is added to it ("Only the initial user that created the developer environment type is added to Dataverse"), and Microsoft doesn't say that a sync makes an exception.`,
    { text: `Use a Sandbox or Production environment for ${ctx.who} instead: a Developer environment is for its creator alone.` },
  );
}

/** Whether people can get in at all: the gates above, then administration mode (sign-in only) and the environment type. */
export function checkEnvironment(ctx: EvalContext, roles: RoleSources, gates: EnvironmentGates): AccessCheck {
  const env = ctx.facts.environment;
  const name = label(ctx);
  if (gates.addable) return gates.addable;
  if (gates.creator) return gates.creator;
  if (env.runtimeState === 'AdminMode') {
    const allowed = roles.effective.some((r) => ADMIN_MODE_ROLES.has(r.role.toLowerCase()));
    const detail = `${name} is in administration mode: only System Administrators and System Customizers can sign in.`;
    if (allowed) return check('environment', TITLE, 'warn', `${detail} ${ctx.who} has one of those roles.`);
    return check(
      'environment',
      TITLE,
      'fail',
      `${detail} A sync can still add ${ctx.who} (Microsoft documents no block), but ${ctx.who} can't sign in until it is turned off.`,
      { text: `Ask an admin to turn off administration mode for ${ctx.env} (Power Platform admin center > Environments > ${ctx.env} > Edit).` },
    );
  }
  switch (env.sku) {
    case 'Default':
      return check('environment', TITLE, 'pass', `${name} has Dataverse and is enabled. The Default environment includes every licensed user and can't have a security group.`);
    case 'Developer': {
      const creator = env.createdBy;
      const who = !creator ? `I can't tell who created this one` : `it was created by ${creator.displayName}${ctx.facts.user && creator.id.toLowerCase() === ctx.facts.user.id.toLowerCase() ? ` (${ctx.who})` : ''}`;
      return check('environment', TITLE, 'info', `${name} has Dataverse and is enabled. Developer environments take only their creator; ${who}.`);
    }
    case 'Trial':
      return check('environment', TITLE, 'info', `${name} has Dataverse and is enabled. Trial environments add people only on demand (first sign-in or Sync now), never in the background.`);
    case 'Teams':
      return check('environment', TITLE, 'info', `${name} is a Dataverse for Teams environment: people are added on their first access from Teams, and access follows membership of the team.`);
    default:
      return check('environment', TITLE, 'pass', `${name} has Dataverse and is enabled.`);
  }
}
