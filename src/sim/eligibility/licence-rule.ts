import type { EligibilityOptions, EnvironmentFacts, UserFacts } from './facts';
import type { PlanClass } from './service-plans';

export type LicenceOutcome =
  | { ok: true; accessMode: 0 | 1; isLicensed: boolean; basis: LicenceBasis }
  | { ok: false };

export type LicenceBasis = PlanClass | 'adminWithoutLicence' | 'appPassCapacity' | 'nonInteractive';

/** SKUs in grace (`Warning`) still work; suspended, deleted or locked-out ones do not (UNVERIFIED). */
const USABLE_SKU_STATUS = new Set(['Enabled', 'Warning']);

/** Preference order when a user holds several plan classes: the first one that counts is reported. */
const CLASS_ORDER: PlanClass[] = ['premium', 'perApp', 'm365Dataverse', 'teamsOnly', 'developer', 'trial'];

/**
 * §1.4 rule 2 and §5: a usable Dataverse plan, else the admin exemption (Administrative access
 * mode), else an existing Non-interactive row (rule 2.4), else the environment's AppPass capacity
 * (addUser is an on-demand add).
 */
export function evaluateLicence(user: UserFacts, env: EnvironmentFacts, options: EligibilityOptions): LicenceOutcome {
  const held = new Set<PlanClass>();
  for (const licence of user.licences) {
    if (!USABLE_SKU_STATUS.has(licence.capabilityStatus)) continue;
    for (const planClass of licence.enabledPlanClasses) held.add(planClass);
  }
  const basis = CLASS_ORDER.find((planClass) => held.has(planClass) && planClassCounts(planClass, env, options));
  if (basis) return { ok: true, accessMode: 0, isLicensed: true, basis };
  if (user.isGlobalAdmin || user.isPowerPlatformAdmin || user.isDynamics365Admin) {
    return { ok: true, accessMode: 1, isLicensed: false, basis: 'adminWithoutLicence' };
  }
  if (user.nonInteractiveInEnvironment) return { ok: true, accessMode: 0, isLicensed: false, basis: 'nonInteractive' };
  if (env.appPassCapacity > 0) return { ok: true, accessMode: 0, isLicensed: true, basis: 'appPassCapacity' };
  return { ok: false };
}

function planClassCounts(planClass: PlanClass, env: EnvironmentFacts, options: EligibilityOptions): boolean {
  switch (planClass) {
    case 'premium':
    case 'perApp':
    case 'm365Dataverse':
      return true;
    case 'teamsOnly':
      return env.sku === 'Teams';
    case 'trial':
    case 'developer':
      return env.sku !== 'Production' || options.trialPlansCountInProduction;
  }
}
