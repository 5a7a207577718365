import { type LicenceClass, type LicenceEntitlement } from '../licensing';
import { check, list, type EvalContext } from './context';
import type { AccessCheck } from './diagnosis';

const TITLE = 'Licence';
const ASSIGN_FIX = 'Assign a Power Apps Premium (or Dynamics 365) licence in the Microsoft 365 admin center, then sync again.';

type Grant = { e: LicenceEntitlement; cls: LicenceClass; plan: string; appLevel: boolean };

/**
 * How good a plan class is in this environment, best 0; null when it does not count here at all
 * (Teams-only plans outside Dataverse for Teams). Trial and developer plans count everywhere, but
 * outside their own environment type only by assumption (UNVERIFIED, §5.2): they rank last.
 */
function rank(cls: LicenceClass, sku: string): number | null {
  if (cls === 'premium' || cls === 'dynamics') return 0;
  if (cls === 'perApp') return 1;
  if (cls === 'teamsOnly') return sku === 'Teams' ? 1 : null;
  if ((cls === 'trial' && sku === 'Trial') || (cls === 'developer' && sku === 'Developer')) return 1;
  if (cls === 'm365Dataverse') return 2;
  return 3;
}

/** The best licence that counts here (a Dataverse plan before an app-level one of the same rank), and the usable plans that don't count here. */
function grants(ctx: EvalContext): { best: Grant | null; elsewhere: Grant[] } {
  const sku = ctx.facts.environment.sku;
  const score = (g: Grant) => (rank(g.cls, sku) ?? Infinity) * 2 + (g.appLevel ? 1 : 0);
  let best: Grant | null = null;
  const elsewhere: Grant[] = [];
  for (const e of ctx.entitlements) {
    if (!e.skuUsable) continue;
    for (const plan of e.plans) {
      if (plan.disabled) continue;
      const grant = { e, cls: plan.cls, plan: plan.servicePlanName, appLevel: plan.appLevel };
      if (rank(plan.cls, sku) === null) elsewhere.push(grant);
      else if (!best || score(grant) < score(best)) best = grant;
    }
  }
  return { best, elsewhere };
}

/**
 * The Dataverse plans turned off in the licence that grants access only through an app-level plan (e.g.
 * Power Apps Premium with DYN365_CDS_P2 off, counting through POWERAPPS_PER_USER): the uncertain case,
 * because Microsoft publishes no exact list of the plans Dataverse accepts (§5.2).
 */
export function dataversePlansOffBehindAppPlan(ctx: EvalContext): string[] {
  const { best } = grants(ctx);
  if (!best?.appLevel) return [];
  return best.e.plans.filter((p) => p.disabled && !p.appLevel).map((p) => p.servicePlanName);
}

/** Why licences that look right give nothing here: Dataverse plans turned off, SKU suspended, Teams-only plans. */
function brokenLicences(ctx: EvalContext, elsewhere: Grant[]): string[] {
  const notes: string[] = [];
  for (const g of elsewhere) notes.push(`${g.e.product} (${g.plan}) works in Dataverse for Teams environments only, not in ${ctx.env}`);
  for (const e of ctx.entitlements) {
    if (e.plans.length === 0) continue;
    if (!e.skuUsable) notes.push(`${e.product} gives nothing: the subscription is ${e.capabilityStatus ?? 'not in this tenant'}`);
    else {
      const off = e.plans.filter((p) => p.disabled).map((p) => p.servicePlanName);
      if (off.length > 0) notes.push(`${e.product} has ${list(off)} turned off in ${ctx.who}'s assignment`);
    }
  }
  return notes;
}

function withNotes(text: string, notes: string[]): string {
  return notes.length === 0 ? text : `${text} Note: ${notes.join('; ')}.`;
}

/** A licence that counts only through its app-level plan while its Dataverse plan is off: warn, and say why it is uncertain. */
function appPlanOnly(ctx: EvalContext, grant: Grant, off: string[], notes: string[]): AccessCheck {
  const product = grant.e.product;
  const others = notes.filter((n) => !n.startsWith(`${product} has `));
  return check(
    'license',
    TITLE,
    'warn',
    withNotes(
      `${product} counts for ${ctx.who} only through its app plan ${grant.plan}: its Dataverse plan ${list(off)} is turned off in ${ctx.who}'s assignment. Microsoft publishes no exact list of the service plans Dataverse accepts, so whether this licence still lets ${ctx.who} in is uncertain: I count it, but if ${ctx.who} is refused, this is the likely reason.`,
      others,
    ),
    { text: `Turn ${list(off)} back on in ${ctx.who}'s ${product} licence (Microsoft 365 admin center > Users > Active users > ${ctx.facts.user?.displayName ?? ctx.who} > Licenses and apps), then sync again.` },
  );
}

/** microsoft-apis.md §1.4 rule 2 and §5: licence classes, disabled plans, admin and app-pass exemptions, guests. */
export function checkLicense(ctx: EvalContext): AccessCheck {
  const { user, environment } = ctx.facts;
  if (!user) return check('license', TITLE, 'info', 'Not checked: there is no account.');
  if (ctx.row?.applicationId) return check('license', TITLE, 'pass', 'Application users need no licence.');
  if (ctx.row?.accessMode === 'Non-interactive') {
    return check('license', TITLE, 'pass', `${ctx.who} is a non-interactive user in ${ctx.env}, and non-interactive users need no licence.`);
  }
  const { best: grant, elsewhere } = grants(ctx);
  const notes = brokenLicences(ctx, elsewhere);
  if (grant) {
    const via = `${grant.e.product} (${grant.plan})`;
    switch (grant.cls) {
      case 'premium':
      case 'dynamics': {
        const off = dataversePlansOffBehindAppPlan(ctx);
        if (off.length > 0) return appPlanOnly(ctx, grant, off, notes);
        return check('license', TITLE, 'pass', `${via} gives ${ctx.who} full Dataverse access.`);
      }
      case 'perApp':
        return check('license', TITLE, 'pass', `${via} is a per-app licence: it covers the apps shared with ${ctx.who}.`);
      case 'teamsOnly':
        return check('license', TITLE, 'pass', `${via} covers Dataverse for Teams environments.`);
      case 'm365Dataverse':
        return check(
          'license',
          TITLE,
          'warn',
          withNotes(
            `${ctx.who}'s only Dataverse plan is the free one in ${via}. It counts only when ${ctx.who} is added on demand (first sign-in or Sync now); the background sync never adds ${ctx.who}, and premium apps need Power Apps Premium.`,
            notes,
          ),
          { text: `Sync ${ctx.who} now, or assign Power Apps Premium for full access.`, action: 'sync-user' },
        );
      case 'trial':
      case 'developer':
        if ((grant.cls === 'trial' && environment.sku === 'Trial') || (grant.cls === 'developer' && environment.sku === 'Developer')) {
          return check('license', TITLE, 'pass', `${via} covers ${environment.sku} environments.`);
        }
        return check(
          'license',
          TITLE,
          'warn',
          `${ctx.who} only has ${via}, a ${grant.cls === 'trial' ? 'trial plan that expires' : 'developer plan meant for developer environments'}; Microsoft doesn't document whether it counts in a ${environment.sku} environment; a sync accepts it.`,
          { text: ASSIGN_FIX, action: 'fix-licence' },
        );
    }
  }
  const none = elsewhere.length > 0 ? `no Dataverse plan that counts in ${ctx.env}` : 'no usable Dataverse plan';
  const owned = ctx.entitlements.length === 0 ? `${ctx.who} has no licences` : `${ctx.who} has ${list(ctx.entitlements.map((e) => e.product))}, with ${none}`;
  if (ctx.adminRole) {
    return check(
      'license',
      TITLE,
      'warn',
      withNotes(
        `${owned}, but as ${ctx.adminRole} ${ctx.who} needs none: ${ctx.who} is added in Administrative access mode, which opens settings but no apps or data.`,
        notes,
      ),
      { text: `To use apps too, ${ASSIGN_FIX[0]?.toLowerCase()}${ASSIGN_FIX.slice(1)}`, action: 'fix-licence' },
    );
  }
  if (environment.appPassCapacity > 0) {
    return check(
      'license',
      TITLE,
      'warn',
      withNotes(`${owned}, but ${ctx.env} has ${environment.appPassCapacity} app pass(es), which count only when ${ctx.who} is added on demand (first sign-in or Sync now).`, notes),
      { text: `Sync ${ctx.who} now.`, action: 'sync-user' },
    );
  }
  if (user.userType === 'Guest') {
    return check(
      'license',
      TITLE,
      'fail',
      withNotes(`${owned} in this tenant. Guests need a licence from this tenant; licences from their home organisation don't count.`, notes),
      { text: ASSIGN_FIX, action: 'fix-licence' },
    );
  }
  return check('license', TITLE, 'fail', withNotes(`${owned}.`, notes), {
    text: notes.length > 0 ? `Fix the licence (${notes.join('; ')}) in the Microsoft 365 admin center, then sync again.` : ASSIGN_FIX,
    action: 'fix-licence',
  });
}
