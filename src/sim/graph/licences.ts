import type { SimLicense, SimSku, SimUser, TenantFixture } from '../model';
import { directParentGroups } from '../state';
import type { TenantState } from '../types';

/**
 * Licences as Graph keeps them (§12): each user's assignments, direct or inherited from a group
 * (`assignedByGroup`), the units every SKU has left, and the rules an assignment must pass. Shared by
 * `/subscribedSkus`, the user properties, `assignLicense` and group-based licensing.
 */

const same = (a: string | undefined, b: string | undefined): boolean => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** The licence a user has in effect for a SKU: disabled plans are those off in every assignment (a plan on anywhere is on, UNVERIFIED). */
export interface EffectiveLicence {
  skuId: string;
  disabledPlans: string[];
}

/** `assignedLicenses`: one entry per SKU held directly or through a group; failed group assignments are left out. */
export function effectiveLicences(user: SimUser): EffectiveLicence[] {
  const bySku = new Map<string, EffectiveLicence>();
  for (const licence of user.licenses) {
    if (licence.error) continue;
    const key = licence.skuId.toLowerCase();
    const disabled = licence.disabledPlans ?? [];
    const seen = bySku.get(key);
    if (!seen) bySku.set(key, { skuId: licence.skuId, disabledPlans: [...disabled] });
    else seen.disabledPlans = seen.disabledPlans.filter((plan) => disabled.some((d) => same(d, plan)));
  }
  return [...bySku.values()];
}

/** `licenseAssignmentStates` (§12): one per assignment path, with its state and error; the simulator keeps no update time. */
export function licenceStates(user: SimUser): Record<string, unknown>[] {
  return user.licenses.map((licence) => ({
    assignedByGroup: licence.assignedByGroup ?? null,
    disabledPlans: [...(licence.disabledPlans ?? [])],
    error: licence.error ?? null,
    lastUpdatedDateTime: null,
    skuId: licence.skuId,
    state: licence.error ? 'Error' : 'Active',
  }));
}

/** Units in use per SKU (lower-case id): a user holding a SKU directly and through groups uses one. Deleted users hold none. */
export function consumedUnits(fixture: TenantFixture): Map<string, number> {
  const consumed = new Map<string, number>();
  for (const user of fixture.users) {
    if (user.deleted) continue;
    for (const licence of effectiveLicences(user)) consumed.set(licence.skuId.toLowerCase(), (consumed.get(licence.skuId.toLowerCase()) ?? 0) + 1);
  }
  return consumed;
}

/** `prepaidUnits.enabled`: only an Enabled subscription's units can be assigned (§12: suspended units are not assignable). */
export const enabledUnits = (sku: SimSku): number => (sku.capabilityStatus === 'Enabled' ? sku.prepaidUnits : 0);

export const findSku = (fixture: TenantFixture, skuId: string): SimSku | undefined => fixture.skus.find((s) => same(s.skuId, skuId));

export type AssignmentError = NonNullable<SimLicense['error']>;

/**
 * Why giving `user` the SKU would fail, or null: no unit free (unless the user already holds the SKU another way),
 * an add-on without its base SKU, or a SKU that excludes one the user holds. `except` is the assignment being
 * (re)evaluated, left out of what the user holds.
 */
export function assignmentError(state: TenantState, user: SimUser, sku: SimSku, except?: SimLicense): AssignmentError | null {
  const active = user.licenses.filter((l) => l !== except && !l.error);
  const holds = (skuId: string) => active.some((l) => same(l.skuId, skuId));
  if (!holds(sku.skuId) && !(except && !except.error && same(except.skuId, sku.skuId))) {
    const free = enabledUnits(sku) - (consumedUnits(state.fixture).get(sku.skuId.toLowerCase()) ?? 0);
    if (free <= 0) return 'CountViolation';
  }
  if ((sku.requiresSkuIds ?? []).length > 0 && !(sku.requiresSkuIds ?? []).some(holds)) return 'DependencyViolation';
  if ((sku.mutuallyExclusiveSkuIds ?? []).some(holds)) return 'MutuallyExclusiveViolation';
  return null;
}

/**
 * Group-based licensing for one user, as Entra's licensing service does it after a membership or group licence
 * change: every licence of a group the user is a direct member of is held, marked `assignedByGroup` (nested
 * members get nothing); licences of groups the user left go. A licence that cannot be given (no unit free,
 * conflicting or missing base SKU) stays as a failed assignment (state Error) and is tried again the next time.
 * The usage location is not needed: users without one get the directory's (Entra "licensing-group-advanced").
 */
export function reconcileGroupLicences(state: TenantState, user: SimUser): void {
  const wanted = directParentGroups(state, user.id).flatMap((group) => (group.assignedLicenses ?? []).map((licence) => ({ groupId: group.id, licence })));
  const kept = user.licenses.filter((l) => !l.assignedByGroup || wanted.some((w) => same(w.groupId, l.assignedByGroup) && same(w.licence.skuId, l.skuId)));
  user.licenses.splice(0, user.licenses.length, ...kept);
  for (const { groupId, licence } of wanted) {
    const sku = findSku(state.fixture, licence.skuId);
    if (!sku) continue;
    let entry = user.licenses.find((l) => same(l.assignedByGroup, groupId) && same(l.skuId, licence.skuId));
    if (!entry) {
      entry = { skuId: sku.skuId, assignedByGroup: groupId, error: 'CountViolation' };
      user.licenses.push(entry);
    }
    entry.disabledPlans = [...(licence.disabledPlans ?? [])];
    const error = assignmentError(state, user, sku, entry.error ? undefined : entry);
    if (error) entry.error = error;
    else delete entry.error;
  }
}
