import type { Environment, ServicePrincipal, SystemUser } from '../../gateways/types';
import { environmentGates } from './check-environment';
import { roleSources } from './check-security-role';
import { buildContext, check, list, type EvalContext } from './context';
import { orderChecks, type AccessCheck, type Diagnosis, type Verdict } from './diagnosis';
import { NO_ADMIN_ROLES } from './facts';

/** What a diagnosis of an application needs in one environment (§14). */
export interface ApplicationFacts {
  app: ServicePrincipal;
  environment: Environment;
  /** The Dataverse application user (`applicationid` = appId); null: none; 'unknown': the bot can't read that environment. */
  appUser: SystemUser | null | 'unknown';
}

const NOT_NEEDED = 'Not needed for applications';
const ADMIN_MODE_ROLES = new Set(['system administrator', 'system customizer']);

/** The person-shaped context the shared pieces read: no account, the application user as the row, the app's name as "who". */
function contextOf(facts: ApplicationFacts): EvalContext {
  const ctx = buildContext({
    user: null,
    environment: facts.environment,
    skus: [],
    adminRoles: NO_ADMIN_ROLES,
    securityGroup: null,
    systemUser: facts.appUser,
    groupTeams: [],
    userGroupIds: [],
  });
  return { ...ctx, who: facts.app.displayName };
}

function account(ctx: EvalContext, app: ServicePrincipal): AccessCheck {
  const what = `${app.displayName} is an application, not a person: an Entra service principal (app id ${app.appId}) that signs in with its own secret or certificate, never interactively.`;
  if (app.accountEnabled) return check('entra-account', 'Entra ID application', 'pass', `${what} It is enabled.`);
  return check('entra-account', 'Entra ID application', 'fail', `${what} It is disabled in Entra ID, so it gets no token for any environment.`, {
    text: `Enable it: Microsoft Entra admin center > Enterprise applications > ${app.displayName} > Properties > Enabled for users to sign in > Yes.`,
  });
}

function licence(): AccessCheck {
  return check('license', 'Licence', 'info', `${NOT_NEEDED}: an application user needs no licence (it is a non-interactive account, and those are created without one).`);
}

function securityGroup(ctx: EvalContext): AccessCheck {
  const dv = ctx.facts.environment.dataverse;
  if (!dv) return check('security-group', 'Security group', 'info', `Not applicable: ${ctx.env} has no Dataverse database.`);
  const where = dv.securityGroupId ? `application users work in ${ctx.env} without being members of its security group` : `${ctx.env} has no security group anyway`;
  return check('security-group', 'Security group', 'info', `${NOT_NEEDED}: ${where}.`);
}

function appUserFix(ctx: EvalContext, app: ServicePrincipal): string {
  return `Add ${app.displayName} as an application user of ${ctx.env} with a security role: Power Platform admin center > Environments > ${ctx.env} > Settings > Users + permissions > Application users > New app user, or \`pac admin assign-user --environment ${ctx.facts.environment.id} --user ${app.appId} --role "<role>" --application-user\`.`;
}

function applicationUser(ctx: EvalContext, app: ServicePrincipal): AccessCheck {
  const title = 'Dataverse application user';
  const appUser = ctx.facts.systemUser;
  if (!ctx.hasDataverse) return check('dataverse-user', title, 'info', `Not applicable: ${ctx.env} has no Dataverse database, so it can't have application users.`);
  if (appUser === 'unknown') {
    return check('dataverse-user', title, 'warn', `I couldn't read the users of ${ctx.env}, so I can't tell whether ${app.displayName} has an application user there.`);
  }
  if (!appUser) {
    return check('dataverse-user', title, 'fail', `${app.displayName} has no application user in ${ctx.env}, so Dataverse refuses every call it makes there ("The user is not a member of the organization.").`, { text: appUserFix(ctx, app) });
  }
  if (appUser.isDisabled) {
    return check('dataverse-user', title, 'fail', `${app.displayName}'s application user in ${ctx.env} is disabled, which breaks every integration that uses it.`, {
      text: `Enable it: the default Application User form shows the status read-only, so customise that form to allow updating Status (Microsoft's "Enable or disable application users"), then set it to Enabled.`,
    });
  }
  if (appUser.accessMode !== 'Non-interactive') {
    return check('dataverse-user', title, 'warn', `${app.displayName} has an enabled application user in ${ctx.env}, but with access mode ${appUser.accessMode}: Dataverse creates application users Non-interactive and doesn't let that change, so this row looks wrong.`);
  }
  return check(
    'dataverse-user',
    title,
    'pass',
    `${app.displayName} has an enabled application user in ${ctx.env}, access mode Non-interactive: API calls only, no signing in to apps or admin portals.`,
  );
}

function securityRole(ctx: EvalContext, app: ServicePrincipal): AccessCheck {
  const title = 'Security role';
  const appUser = ctx.facts.systemUser;
  if (!ctx.hasDataverse) return check('security-role', title, 'info', `Not applicable: ${ctx.env} has no Dataverse database.`);
  if (appUser === 'unknown') return check('security-role', title, 'warn', `I couldn't read ${ctx.env}'s users, so I can't list ${app.displayName}'s roles.`);
  if (!appUser) return check('security-role', title, 'info', 'Not checked: there is no application user.');
  const roles = roleSources(ctx).effective.map((r) => `${r.role} (${r.via})`);
  if (roles.length > 0) return check('security-role', title, 'pass', `${app.displayName} has ${list(roles)}.`);
  return check(
    'security-role',
    title,
    'fail',
    `${app.displayName}'s application user has no security role in ${ctx.env}, not directly and not through a team, so it can read and change nothing there.`,
    { text: `Assign it a security role of its business unit: Power Platform admin center > Environments > ${ctx.env} > Settings > Users + permissions > Application users > ${app.displayName} > Edit security roles.` },
  );
}

function environment(ctx: EvalContext): AccessCheck {
  const gate = environmentGates(ctx).addable;
  if (gate) return gate;
  const env = ctx.facts.environment;
  const name = `${ctx.env} (${env.sku})`;
  if (env.runtimeState === 'AdminMode') {
    const allowed = roleSources(ctx).effective.some((r) => ADMIN_MODE_ROLES.has(r.role.toLowerCase()));
    const detail = `${name} is in administration mode: only System Administrators and System Customizers get in.`;
    if (allowed) return check('environment', 'Environment', 'warn', `${detail} ${ctx.who} has one of those roles.`);
    return check('environment', 'Environment', 'fail', `${detail} ${ctx.who} has neither.`, {
      text: `Ask an admin to turn off administration mode for ${ctx.env} (Power Platform admin center > Environments > ${ctx.env} > Edit).`,
    });
  }
  return check('environment', 'Environment', 'pass', `${name} has Dataverse and is enabled.`);
}

function verdictOf(checks: readonly AccessCheck[]): Verdict {
  if (checks.some((c) => c.status === 'fail')) return 'blocked';
  return checks.some((c) => c.status === 'warn') ? 'at-risk' : 'can-access';
}

/**
 * An application (service principal) in one environment, by the rules for application users (§14, §1.4,
 * seed 002): no licence and no security-group membership needed (said, not checked); an enabled application
 * user that can't sign in interactively; a security role, directly or through a team. Pure.
 */
export function evaluateApplication(facts: ApplicationFacts): Diagnosis {
  const { app } = facts;
  const ctx = contextOf(facts);
  const checks = orderChecks([account(ctx, app), licence(), securityGroup(ctx), applicationUser(ctx, app), securityRole(ctx, app), environment(ctx)]);
  const verdict = verdictOf(checks);
  const titles = (status: 'fail' | 'warn') => list(checks.filter((c) => c.status === status).map((c) => c.title.toLowerCase()));
  const headline =
    verdict === 'blocked'
      ? `${app.displayName} (an application, not a person) can't work in ${ctx.env}. Blocked by: ${titles('fail')}.`
      : verdict === 'at-risk'
        ? `${app.displayName} (an application, not a person) can work in ${ctx.env}, but look at: ${titles('warn')}.`
        : `${app.displayName} (an application, not a person) can work in ${ctx.env} through its application user.`;
  const row = ctx.row;
  return {
    subject: { kind: 'application', id: app.id, appId: app.appId, displayName: app.displayName },
    user: null,
    environment: { id: facts.environment.id, displayName: facts.environment.displayName },
    verdict,
    headline,
    checks,
    keyFacts: {
      licences: [],
      securityGroup: null,
      roles: roleSources(ctx).effective.map((r) => `${r.role} (${r.via})`),
      accessMode: row?.accessMode ?? null,
    },
  };
}
