import { planClass, productName } from '../../domain/licensing';
import type { LicensingGroup, SubscribedSku, UserLicensing } from '../../gateways/types';

/**
 * Which licence fix the tenant allows, in the order the bot offers them (issue 13): a group that assigns a
 * Dataverse-capable licence (group-based licensing, §12), else a direct assignment from a SKU with a free unit,
 * else buying more. Pure: the reads are in plan-licence.ts.
 */

/** A SKU that gives Dataverse access: its plans class it (§5.2), and how many units are free (≈ enabled − consumed, §12). */
export interface DataverseSku {
  skuId: string;
  skuPartNumber: string;
  product: string;
  free: number;
  /** 0: a full Dataverse licence (Power Apps Premium, Dynamics 365); 1: a per-app licence (shared apps only). */
  rank: 0 | 1;
}

export type LicenceFix =
  /** Add the person to a group that assigns the SKU: the licence follows, with no usage location needed. */
  | { kind: 'group'; groupId: string; groupName: string; sku: DataverseSku }
  /** `assignLicense` from a SKU with a free unit. */
  | { kind: 'direct'; sku: DataverseSku }
  /** A free unit exists, but Graph refuses a direct assignment without a usage location (§12). */
  | { kind: 'usage-location'; sku: DataverseSku }
  /** No unit is free in any Dataverse-capable SKU: buy more of this one. */
  | { kind: 'buy'; sku: DataverseSku | null };

/** Power Apps Premium first (the licence the diagnosis names), then other full licences, then per-app ones. */
const PREFERRED = 'POWERAPPS_PER_USER';

function rankOf(sku: SubscribedSku): 0 | 1 | null {
  const classes = sku.servicePlans.map((plan) => planClass(plan.servicePlanId, plan.servicePlanName));
  if (classes.some((cls) => cls === 'premium' || cls === 'dynamics')) return 0;
  return classes.includes('perApp') ? 1 : null;
}

/** The tenant's SKUs that give Dataverse access and can still be assigned (an Enabled subscription), best first. */
export function dataverseSkus(skus: readonly SubscribedSku[]): DataverseSku[] {
  const out: DataverseSku[] = [];
  for (const sku of skus) {
    const rank = rankOf(sku);
    if (rank === null || sku.capabilityStatus !== 'Enabled') continue;
    const units = sku.units ?? { enabled: 0, consumed: 0 };
    out.push({ skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, product: productName(sku.skuPartNumber), free: Math.max(0, units.enabled - units.consumed), rank });
  }
  const preferred = (s: DataverseSku) => (s.skuPartNumber === PREFERRED ? 0 : 1);
  return out.sort((a, b) => a.rank - b.rank || preferred(a) - preferred(b) || b.free - a.free);
}

export interface FixInput {
  skus: readonly DataverseSku[];
  /** For each SKU (by id, lower case), the groups that assign it. */
  groupsBySku: ReadonlyMap<string, readonly LicensingGroup[]>;
  /** The person's direct groups (lower-case ids): a group they are already in is no fix. */
  memberOf: ReadonlySet<string>;
  licensing: Pick<UserLicensing, 'usageLocation'>;
}

/** Every fix the tenant allows, in order; the first is the one offered, the rest are alternatives. Never empty. */
export function licenceFixes(input: FixInput): LicenceFix[] {
  const fixes: LicenceFix[] = [];
  for (const sku of input.skus) {
    for (const group of input.groupsBySku.get(sku.skuId.toLowerCase()) ?? []) {
      if (!group.securityEnabled || input.memberOf.has(group.id.toLowerCase())) continue;
      fixes.push({ kind: 'group', groupId: group.id, groupName: group.displayName, sku });
    }
  }
  const free = input.skus.filter((sku) => sku.free > 0);
  for (const sku of free) fixes.push({ kind: input.licensing.usageLocation ? 'direct' : 'usage-location', sku });
  if (free.length === 0) fixes.push({ kind: 'buy', sku: input.skus[0] ?? null });
  return fixes;
}

/** Failed group assignments of the person (`licenseAssignmentStates` error), in words: "Power Apps Premium from Sales: no unit free". */
export function failedAssignments(licensing: UserLicensing, skus: readonly SubscribedSku[], groupName: (id: string) => string): string[] {
  const WHY: Record<string, string> = {
    CountViolation: 'no unit was free',
    MutuallyExclusiveViolation: 'it conflicts with another licence the person has',
    DependencyViolation: 'it needs another licence first',
    ProhibitedInUsageLocationViolation: "it isn't sold in the person's usage location",
  };
  return licensing.assignments
    .filter((a) => a.error !== null || a.state === 'Error')
    .map((a) => {
      const sku = skus.find((s) => s.skuId.toLowerCase() === a.skuId.toLowerCase());
      const product = sku ? productName(sku.skuPartNumber) : a.skuId;
      const from = a.assignedByGroup ? ` from the group ${groupName(a.assignedByGroup)}` : '';
      return `${product}${from} could not be given: ${WHY[a.error ?? ''] ?? `Entra reports ${a.error ?? 'an error'}`}`;
    });
}
