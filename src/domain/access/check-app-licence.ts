import type { AssignedLicense, SubscribedSku } from '../../gateways/types';
import { productName, type LicenceEntitlement } from '../licensing';
import { appCheck, type AppCheck } from './app-diagnosis';
import { premiumReasons, type AppFacts } from './app-facts';
import { list, type EvalContext } from './context';

const TITLE = 'Licence for the app';

/**
 * "Power Apps for Office 365" in Microsoft 365 and Office 365 suites (§5.2): custom apps with standard
 * connectors only (§15 [S89]).
 */
const POWER_APPS_FOR_M365: Readonly<Record<string, string>> = {
  '92f7a6f3-b89b-4bbd-8c30-809e6da5ad1c': 'POWERAPPS_O365_P1',
  'c68f8d98-5534-41c8-bf36-22fa496fa792': 'POWERAPPS_O365_P2',
  '9c0dab89-a30c-4117-86e7-97bda240acd2': 'POWERAPPS_O365_P3',
  'e0287f9f-e222-4f98-9a83-f379e249159a': 'POWERAPPS_O365_S1',
};
const M365_NAMES = new Set(Object.values(POWER_APPS_FOR_M365).map((n) => n.toLowerCase()));

/** The person's Power Apps for Microsoft 365 plans that work: SKU usable, plan not turned off. */
function standardPlans(assigned: readonly AssignedLicense[], skus: readonly SubscribedSku[]): { product: string; plan: string }[] {
  const byId = new Map(skus.map((sku) => [sku.skuId.toLowerCase(), sku]));
  return assigned.flatMap((licence) => {
    const sku = byId.get(licence.skuId.toLowerCase());
    if (!sku || (sku.capabilityStatus !== 'Enabled' && sku.capabilityStatus !== 'Warning')) return [];
    const off = new Set(licence.disabledPlans.map((id) => id.toLowerCase()));
    return sku.servicePlans
      .filter((p) => (POWER_APPS_FOR_M365[p.servicePlanId.toLowerCase()] !== undefined || M365_NAMES.has(p.servicePlanName.toLowerCase())) && !off.has(p.servicePlanId.toLowerCase()))
      .map((p) => ({ product: productName(sku.skuPartNumber), plan: p.servicePlanName }));
  });
}

/** The best premium grant (Power Apps Premium / Dynamics 365 first, then per-app, then trial), from licensing.ts's classes. */
function premiumGrant(entitlements: readonly LicenceEntitlement[]): { product: string; plan: string; cls: string } | null {
  const order = ['premium', 'dynamics', 'perApp', 'trial'];
  let best: { product: string; plan: string; cls: string } | null = null;
  for (const e of entitlements) {
    if (!e.skuUsable) continue;
    for (const p of e.plans) {
      if (p.disabled || !order.includes(p.cls)) continue;
      if (!best || order.indexOf(p.cls) < order.indexOf(best.cls)) best = { product: e.product, plan: p.servicePlanName, cls: p.cls };
    }
  }
  return best;
}

/**
 * §15: premium connectors, custom connectors, on-premises gateways and Dataverse need Power Apps Premium
 * (or Dynamics 365), a per-app licence, per-app passes allocated to the environment, or pay-as-you-go
 * (§16 for model-driven apps; the bot can't see billing policies); a Microsoft 365 licence runs apps with
 * standard connectors only.
 */
export function checkAppLicence(ctx: EvalContext, app: AppFacts, appName: string): AppCheck {
  const user = ctx.facts.user;
  if (!user) return appCheck('app-licence', TITLE, 'info', 'Not checked: there is no account.');
  const reasons = premiumReasons(app);
  const premium = premiumGrant(ctx.entitlements);
  const standard = standardPlans(user.assignedLicenses, ctx.facts.skus);
  const owned = ctx.entitlements.length === 0 ? `${ctx.who} has no licences` : `${ctx.who} has ${list(ctx.entitlements.map((e) => e.product))}`;
  const guest = user.userType === 'Guest' ? ' (guests need a licence from this tenant)' : '';
  if (reasons.length === 0) {
    if (premium) return appCheck('app-licence', TITLE, 'pass', `${appName} uses standard connectors only, and ${premium.product} (${premium.plan}) covers it.`);
    const [m365] = standard;
    if (m365) return appCheck('app-licence', TITLE, 'pass', `${appName} uses standard connectors only, so ${m365.product}, which includes Power Apps for Microsoft 365 (${m365.plan}), is enough.`);
    return appCheck('app-licence', TITLE, 'fail', `${owned}, and none includes Power Apps${guest}. Even an app with standard connectors only, like ${appName}, needs Power Apps for Microsoft 365 or better.`, {
      text: `Assign a Microsoft 365 licence that includes Power Apps (for example Microsoft 365 E3), or Power Apps Premium.`,
    });
  }
  const why = `${appName} needs a premium licence because ${list(reasons)}`;
  if (premium && premium.cls !== 'trial') {
    const what = premium.cls === 'perApp' ? 'a per-app licence, which covers the apps shared with them' : 'a premium licence';
    return appCheck('app-licence', TITLE, 'pass', `${why}; ${premium.product} (${premium.plan}) is ${what}.`);
  }
  const passes = ctx.facts.environment.appPassCapacity;
  if (passes > 0) {
    return appCheck('app-licence', TITLE, 'pass', `${why}. ${ctx.who} has no premium licence, but ${ctx.env} has ${passes} per-app pass${passes > 1 ? 'es' : ''}: one is used for ${ctx.who} when the app is shared with them.`);
  }
  if (premium) {
    return appCheck('app-licence', TITLE, 'warn', `${why}; ${ctx.who} has only ${premium.product} (${premium.plan}), a trial that ends.`, {
      text: `Assign Power Apps Premium (or a per-app licence) before the trial ends.`,
    });
  }
  const m365 = standard.length > 0 ? `: the Power Apps in ${list([...new Set(standard.map((s) => s.product))])} covers standard connectors only` : '';
  return appCheck(
    'app-licence',
    TITLE,
    'fail',
    `${why}. ${owned}${m365}${guest}. (Unless ${ctx.env} is billed pay-as-you-go: I can't see billing policies.)`,
    { text: `Assign Power Apps Premium (or a per-app licence) to ${ctx.who}, allocate per-app passes to ${ctx.env} (Power Platform admin center > Licensing > Capacity add-ons), or link ${ctx.env} to a pay-as-you-go billing policy.` },
  );
}
