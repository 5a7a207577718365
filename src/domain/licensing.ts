import type { AssignedLicense, SubscribedSku } from '../gateways/types';

/**
 * Which service plans give Dataverse access, and how (microsoft-apis.md §5.2; ids from Microsoft's
 * "Product names and service plan identifiers for licensing" CSV). Microsoft does not publish the
 * sync's exact allow-list, so the classes are the documented best approximation (UNVERIFIED).
 */
export type LicenceClass = 'premium' | 'dynamics' | 'perApp' | 'm365Dataverse' | 'trial' | 'developer' | 'teamsOnly';

interface CataloguePlan {
  name: string;
  cls: LicenceClass;
}

const CATALOGUE: Record<string, CataloguePlan> = {
  '6ea4c1ef-c259-46df-bce2-943342cd3cb2': { name: 'DYN365_CDS_P2', cls: 'premium' },
  '3da2fd4c-1bee-4b61-a17f-94c31e5cab93': { name: 'CDS_ATTENDED_RPA', cls: 'premium' },
  'ea2cf03b-ac60-46ae-9c1d-eeaeb63cec86': { name: 'POWERAPPS_PER_USER', cls: 'premium' },
  '9f2f00ad-21ae-4ceb-994b-d8bc7be90999': { name: 'CDS_PER_APP', cls: 'perApp' },
  '6f0e9100-ff66-41ce-96fc-3d8b7ad26887': { name: 'DATAVERSE_POWERAPPS_PER_APP_NEW', cls: 'perApp' },
  '17ab22cd-a0b3-4536-910a-cb6eb12696c0': { name: 'DYN365_CDS_VIRAL', cls: 'trial' },
  'd8c638e2-9508-40e3-9877-feb87603837b': { name: 'DYN365_CDS_DEV_VIRAL', cls: 'developer' },
  '40b010bb-0b69-4654-ac5e-ba161433f4b4': { name: 'DYN365_CDS_O365_P1', cls: 'm365Dataverse' },
  '4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14': { name: 'DYN365_CDS_O365_P2', cls: 'm365Dataverse' },
  '28b0fa46-c39a-4188-89e2-58e979a6b014': { name: 'DYN365_CDS_O365_P3', cls: 'm365Dataverse' },
  'ca6e61ec-d4f4-41eb-8b88-d96e0e14323f': { name: 'DYN365_CDS_O365_F1', cls: 'm365Dataverse' },
  'bed136c6-b799-4462-824d-fc045d3a9d25': { name: 'CDS_O365_P1', cls: 'teamsOnly' },
  '95b76021-6a53-4741-ab8b-1d1f3d66a95a': { name: 'CDS_O365_P2', cls: 'teamsOnly' },
  'afa73018-811e-46e9-988f-f75d2b1b8430': { name: 'CDS_O365_P3', cls: 'teamsOnly' },
  '90db65a7-bf11-4904-a79f-ef657605145b': { name: 'CDS_O365_F1', cls: 'teamsOnly' },
  '1315ade1-0410-450d-b8e3-8050e6da320f': { name: 'DYN365_CDS_GUIDES', cls: 'dynamics' },
  '18fa3aba-b085-4105-87d7-55617b8585e6': { name: 'D365_ProjectOperationsCDS', cls: 'dynamics' },
  '874fc546-6efe-4d22-90b8-5c4e7aa59f4b': { name: 'POWERAPPS_DYN_APPS', cls: 'dynamics' },
  '0b03f40b-c404-40c3-8651-2aceb74365fa': { name: 'POWERAPPS_DYN_P2', cls: 'dynamics' },
  '52e619e2-2730-439a-b0d3-d09ab7e8b705': { name: 'POWERAPPS_DYN_TEAM', cls: 'dynamics' },
  'd56f3deb-50d8-465a-bedb-f079817ccac1': { name: 'DYN365_ENTERPRISE_P1', cls: 'dynamics' },
  '2da8e897-7791-486b-b08f-cc63c8129df7': { name: 'DYN365_ENTERPRISE_SALES', cls: 'dynamics' },
  '99340b49-fb81-4b1e-976b-8f2ae8e9394f': { name: 'DYN365_ENTERPRISE_CUSTOMER_SERVICE', cls: 'dynamics' },
  '6a54b05e-4fab-40e7-9828-428db3b336fa': { name: 'DYN365_ENTERPRISE_TEAM_MEMBERS', cls: 'dynamics' },
  '4092fdb5-8d81-41d3-be76-aaba4074530b': { name: 'DYN365_TEAM_MEMBERS', cls: 'dynamics' },
  '88d83950-ff78-4e85-aa66-abfc787f8090': { name: 'DYN365_SALES_PRO', cls: 'dynamics' },
  '6f9f70ce-138d-49f8-bb8b-2e701b7dde75': { name: 'POWERAPPS_SALES_PRO', cls: 'dynamics' },
};

const CLASS_BY_NAME = new Map(Object.values(CATALOGUE).map((plan) => [plan.name.toLowerCase(), plan.cls]));

/**
 * §5.2's "app-level plans that also indicate eligibility": they name an app, not Dataverse. The others in
 * the catalogue are the Dataverse-bearing ("CDS"/"Dataverse") plans, the strongest signal.
 */
const APP_LEVEL = new Set(
  [
    'POWERAPPS_PER_USER',
    'POWERAPPS_DYN_APPS',
    'POWERAPPS_DYN_P2',
    'POWERAPPS_DYN_TEAM',
    'DYN365_ENTERPRISE_P1',
    'DYN365_ENTERPRISE_SALES',
    'DYN365_ENTERPRISE_CUSTOMER_SERVICE',
    'DYN365_ENTERPRISE_TEAM_MEMBERS',
    'DYN365_TEAM_MEMBERS',
    'DYN365_SALES_PRO',
    'POWERAPPS_SALES_PRO',
  ].map((name) => name.toLowerCase()),
);

function isAppLevel(servicePlanId: string, servicePlanName: string): boolean {
  return APP_LEVEL.has((CATALOGUE[servicePlanId.toLowerCase()]?.name ?? servicePlanName).toLowerCase());
}

/** Friendly product names for the SKUs people meet most (skuPartNumber → name shown on cards). */
const PRODUCT_NAMES: Record<string, string> = {
  POWERAPPS_PER_USER: 'Power Apps Premium',
  POWERAPPS_PER_APP: 'Power Apps per app',
  POWERAPPS_PER_APP_NEW: 'Power Apps per app',
  FLOW_PER_USER: 'Power Automate per user',
  POWERAUTOMATE_ATTENDED_RPA: 'Power Automate Premium',
  POWERAPPS_VIRAL: 'Power Apps Plan 2 Trial',
  FLOW_FREE: 'Power Automate Free',
  POWERAPPS_DEV: 'Power Apps Developer Plan',
  STANDARDPACK: 'Office 365 E1',
  ENTERPRISEPACK: 'Office 365 E3',
  ENTERPRISEPREMIUM: 'Office 365 E5',
  SPE_E3: 'Microsoft 365 E3',
  SPE_E5: 'Microsoft 365 E5',
  SPE_F1: 'Microsoft 365 F3',
  DESKLESSPACK: 'Office 365 F3',
  SPB: 'Microsoft 365 Business Premium',
  O365_BUSINESS_PREMIUM: 'Microsoft 365 Business Standard',
  O365_BUSINESS_ESSENTIALS: 'Microsoft 365 Business Basic',
  DYN365_ENTERPRISE_PLAN1: 'Dynamics 365 Plan',
  DYN365_ENTERPRISE_SALES: 'Dynamics 365 Sales Enterprise',
};

export function productName(skuPartNumber: string): string {
  return PRODUCT_NAMES[skuPartNumber] ?? skuPartNumber;
}

export function planClass(servicePlanId: string, servicePlanName?: string): LicenceClass | null {
  return CATALOGUE[servicePlanId.toLowerCase()]?.cls ?? CLASS_BY_NAME.get((servicePlanName ?? '').toLowerCase()) ?? null;
}

export interface DataversePlan {
  servicePlanId: string;
  servicePlanName: string;
  cls: LicenceClass;
  /** An app-level plan (§5.2), not a Dataverse ("CDS") plan. */
  appLevel: boolean;
  /** Turned off in this user's assignment (assignedLicenses[].disabledPlans). */
  disabled: boolean;
}

export interface LicenceEntitlement {
  skuId: string;
  skuPartNumber: string;
  product: string;
  /** null when the SKU is not among the tenant's subscribed SKUs. */
  capabilityStatus: string | null;
  /** Enabled or Warning (grace period); Suspended, Deleted, LockedOut and unknown SKUs give nothing (UNVERIFIED for Warning). */
  skuUsable: boolean;
  plans: DataversePlan[];
}

/** What a SKU gives whoever holds it, before their disabled plans: the same for every holder. */
interface SkuEntitlement {
  entitlement: Omit<LicenceEntitlement, 'skuId' | 'plans'>;
  plans: Omit<DataversePlan, 'disabled'>[];
}

/**
 * The tenant's SKUs classified once per list (a sync's preview checks every member against the same list):
 * by lower-case SKU id.
 */
const classifiedSkuLists = new WeakMap<readonly SubscribedSku[], Map<string, SkuEntitlement>>();

function classifiedSkus(skus: readonly SubscribedSku[]): Map<string, SkuEntitlement> {
  let byId = classifiedSkuLists.get(skus);
  if (!byId) {
    byId = new Map(skus.map((sku) => [sku.skuId.toLowerCase(), {
      entitlement: {
        skuPartNumber: sku.skuPartNumber,
        product: productName(sku.skuPartNumber),
        capabilityStatus: sku.capabilityStatus,
        skuUsable: sku.capabilityStatus === 'Enabled' || sku.capabilityStatus === 'Warning',
      },
      plans: sku.servicePlans.flatMap((plan) => {
        const cls = planClass(plan.servicePlanId, plan.servicePlanName);
        return cls ? [{ ...plan, cls, appLevel: isAppLevel(plan.servicePlanId, plan.servicePlanName) }] : [];
      }),
    }]));
    classifiedSkuLists.set(skus, byId);
  }
  return byId;
}

/** Each assigned SKU with its Dataverse-capable plans. */
export function licenceEntitlements(assigned: readonly AssignedLicense[], skus: readonly SubscribedSku[]): LicenceEntitlement[] {
  const byId = classifiedSkus(skus);
  return assigned.map((licence) => {
    const known = byId.get(licence.skuId.toLowerCase());
    const disabled = licence.disabledPlans.length === 0 ? null : new Set(licence.disabledPlans.map((id) => id.toLowerCase()));
    const plans = (known?.plans ?? []).map((plan) => ({ ...plan, disabled: disabled?.has(plan.servicePlanId.toLowerCase()) ?? false }));
    const entitlement = known?.entitlement ?? { skuPartNumber: licence.skuId, product: productName(licence.skuId), capabilityStatus: null, skuUsable: false };
    return { skuId: licence.skuId, ...entitlement, plans };
  });
}

/** The classes that actually work: plan enabled in the assignment and SKU usable. */
export function usableClasses(entitlements: readonly LicenceEntitlement[]): Set<LicenceClass> {
  const classes = new Set<LicenceClass>();
  for (const e of entitlements) {
    if (!e.skuUsable) continue;
    for (const plan of e.plans) if (!plan.disabled) classes.add(plan.cls);
  }
  return classes;
}
