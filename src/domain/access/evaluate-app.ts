import { appLabel, orderAppChecks, type AppCheck, type AppDiagnosis, type AppRef, type AppVerdict } from './app-diagnosis';
import { needsDataverse, type AppAccessFacts } from './app-facts';
import { checkAppLicence } from './check-app-licence';
import { checkAppRole } from './check-app-role';
import { checkAppSharing } from './check-app-sharing';
import { checkAppState } from './check-app-state';
import { roleSources } from './check-security-role';
import { buildContext, list } from './context';
import { orderChecks, type AccessCheck, type CheckId, type Diagnosis } from './diagnosis';
import { assessAccess } from './evaluate';

/** The environment checks a canvas app without Dataverse depends on: the account, the security group (§1.4) and the environment's state. */
const WITHOUT_DATAVERSE: ReadonlySet<CheckId> = new Set(['entra-account', 'security-group', 'environment']);

/**
 * The environment part of an app's diagnosis: the environment's own diagnosis, where a canvas app that
 * doesn't use Dataverse needs neither a Dataverse licence, row nor role, nor Dataverse itself.
 */
function environmentPart(diagnosis: Diagnosis, facts: AppAccessFacts, appName: string): Diagnosis {
  if (needsDataverse(facts.app)) return diagnosis;
  const env = facts.access.environment;
  const notNeeded = (c: AccessCheck): AccessCheck => ({ ...c, status: 'info', detail: `Not needed for ${appName}, which doesn't use Dataverse.`, fix: null });
  const checks = diagnosis.checks.map((c) => {
    if (!WITHOUT_DATAVERSE.has(c.id)) return notNeeded(c);
    if (c.id === 'environment' && c.status === 'fail' && !env.dataverse && env.runtimeState !== 'Disabled') {
      return { ...c, status: 'info' as const, detail: `${env.displayName} has no Dataverse database, which ${appName} doesn't need.`, fix: null };
    }
    return c;
  });
  return { ...diagnosis, checks: orderChecks(checks) };
}

/** Judges one person and one app: the environment part, then the app's state, roles or sharing, and licence. Pure. */
export function evaluateAppAccess(facts: AppAccessFacts): AppDiagnosis {
  const { diagnosis } = assessAccess(facts.access);
  const ctx = buildContext(facts.access);
  const env = facts.access.environment;
  const ref: AppRef =
    facts.app.kind === 'model-driven'
      ? { kind: 'model-driven', id: facts.app.app.appModuleId, name: facts.app.app.name, environment: { id: env.id, displayName: env.displayName } }
      : { kind: 'canvas', id: facts.app.app.appId, name: facts.app.app.displayName, environment: { id: env.id, displayName: env.displayName } };
  const environment = environmentPart(diagnosis, facts, ref.name);
  const state = checkAppState(facts.app, env.displayName);
  const licence = checkAppLicence(ctx, facts.app, ref.name);
  let access: AppCheck;
  let permission: AppDiagnosis['permission'] = null;
  if (facts.app.kind === 'model-driven') access = checkAppRole(ctx, roleSources(ctx), ref.name, facts.app.app.roles);
  else ({ check: access, permission } = checkAppSharing(ctx, ref.name, facts.app.permissions, facts.app.app.effectiveRole ?? null, facts.tenantId));
  const checks = orderAppChecks([state, access, licence]);
  const verdict = verdictOf(environment, checks, needsDataverse(facts.app));
  return {
    subject: diagnosis.subject,
    user: diagnosis.user,
    app: ref,
    verdict,
    headline: headline(ctx.who, ref, verdict, environment, checks),
    environment,
    checks,
    permission,
    appRoles: facts.app.kind === 'model-driven' ? [...new Set(facts.app.app.roles.map((r) => r.name))] : [],
  };
}

function verdictOf(environment: Diagnosis, checks: readonly AppCheck[], dataverse: boolean): AppVerdict {
  if (environment.checks.some((c) => c.status === 'fail') || checks.some((c) => c.status === 'fail')) return 'blocked';
  if (dataverse && environment.verdict === 'will-get-in-once-synced') return 'will-open-once-synced';
  return 'can-open';
}

function headline(who: string, app: AppRef, verdict: AppVerdict, environment: Diagnosis, checks: readonly AppCheck[]): string {
  const label = appLabel(app);
  const titles = (status: 'fail' | 'warn') => [...environment.checks, ...checks].filter((c) => c.status === status).map((c) => c.title.toLowerCase());
  switch (verdict) {
    case 'blocked':
      return `${who} can't open ${label}. Blocked by: ${list(titles('fail'))}.`;
    case 'will-open-once-synced':
      return `${who} will be able to open ${label} once synced into ${app.environment.displayName} (or at ${who}'s first sign-in).`;
    case 'can-open': {
      const warnings = titles('warn');
      return warnings.length > 0 ? `${who} can open ${label}, but look at: ${list(warnings)}.` : `${who} can open ${label}.`;
    }
  }
}
