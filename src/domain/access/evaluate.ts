import { checkAccount } from './check-account';
import { checkDataverseUser } from './check-dataverse-user';
import { checkEnvironment, environmentGates } from './check-environment';
import { checkLicense, dataversePlansOffBehindAppPlan } from './check-license';
import { checkSecurityGroup } from './check-security-group';
import { checkSecurityRole, roleSources } from './check-security-role';
import { buildContext, list, type EvalContext } from './context';
import { orderChecks, type AccessCheck, type CheckStatus, type Diagnosis, type Verdict } from './diagnosis';
import type { AccessFacts } from './facts';

/** The diagnosis and, separately, what a sync (BAP addUser) would do with this person now. */
export interface Assessment {
  diagnosis: Diagnosis;
  /**
   * The first check addUser would refuse on, in addUser's own order (environment usable → account →
   * Developer creator → security group → licence; microsoft-apis.md §1.3, §8.2); null when it would
   * add the person. Administration mode stops signing in, not adding, so it never blocks here.
   */
  addUserBlocker: AccessCheck | null;
}

/** Judges one user in one environment. Pure: the same facts give the same diagnosis. */
export function evaluateAccess(facts: AccessFacts): Diagnosis {
  return assessAccess(facts).diagnosis;
}

export function assessAccess(facts: AccessFacts): Assessment {
  const ctx = buildContext(facts);
  const roles = roleSources(ctx);
  const account = checkAccount(ctx);
  const licence = checkLicense(ctx);
  const group = checkSecurityGroup(ctx);
  const role = checkSecurityRole(ctx, roles);
  const gates = environmentGates(ctx);
  const environment = checkEnvironment(ctx, roles, gates);
  const addUserBlocker = [gates.addable, account, gates.creator, group, licence].find((c) => c?.status === 'fail') ?? null;
  // The background sync's on-demand-only licences warn; so does an app-level plan with its Dataverse plan off, which is not about on demand.
  const onDemandLicence = licence.status === 'warn' && dataversePlansOffBehindAppPlan(ctx).length === 0;
  const dataverseUser = checkDataverseUser(ctx, addUserBlocker === null, onDemandLicence);
  const checks = orderChecks([account, licence, group, dataverseUser, role, environment]);
  const verdict = verdictOf(ctx, checks);
  const person = facts.user ? { id: facts.user.id, displayName: facts.user.displayName, userPrincipalName: facts.user.userPrincipalName } : null;
  const diagnosis: Diagnosis = {
    subject: person ? { kind: 'person', ...person } : null,
    user: person,
    environment: { id: facts.environment.id, displayName: facts.environment.displayName },
    verdict,
    headline: headline(ctx, verdict, checks),
    checks,
    keyFacts: {
      licences: ctx.entitlements.map((e) => e.product),
      securityGroup: facts.securityGroup?.displayName ?? null,
      roles: [...roles.effective.map((r) => `${r.role} (${r.via})`), ...roles.pending.map((p) => `${p.role} (group team ${p.team}, once provisioned)`)],
      accessMode: ctx.row?.accessMode ?? null,
    },
  };
  return { diagnosis, addUserBlocker };
}

function verdictOf(ctx: EvalContext, checks: AccessCheck[]): Verdict {
  if (checks.some((c) => c.status === 'fail')) return 'blocked';
  if (ctx.facts.systemUser === null || ctx.row?.isDisabled) return 'will-get-in-once-synced';
  if (checks.some((c) => c.status === 'warn')) return 'at-risk';
  return 'can-access';
}

function headline(ctx: EvalContext, verdict: Verdict, checks: AccessCheck[]): string {
  const titles = (status: CheckStatus) => list(checks.filter((c) => c.status === status).map((c) => c.title.toLowerCase()));
  switch (verdict) {
    case 'blocked':
      return `${ctx.who} can't get into ${ctx.env}. Blocked by: ${titles('fail')}.`;
    case 'will-get-in-once-synced':
      return `${ctx.who} meets the requirements for ${ctx.env} but isn't active there yet: a sync (or ${ctx.who}'s first sign-in) lets ${ctx.who} in${
        checks.some((c) => c.id === 'security-role' && c.status === 'warn') ? `, then ${ctx.who} needs a security role` : ''
      }.`;
    case 'at-risk':
      return `${ctx.who} can get into ${ctx.env}, but look at: ${titles('warn')}.`;
    case 'can-access':
      return `${ctx.who} can get into ${ctx.env}.`;
  }
}
