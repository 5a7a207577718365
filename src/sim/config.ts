import type { SimConfig, SurfaceLimits } from './types';

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

const quiet: SurfaceLimits = {
  latencyMs: 0,
  jitterMs: 0,
  maxConcurrent: 0,
  requestsPerSecond: 0,
  random429Rate: 0,
  random503Rate: 0,
  retryAfterSeconds: 2,
};

/** The api-versions of BAP's admin API seen in use (microsoft-apis.md §1.2, §1.5, §2.1, §2.3), newest first. */
export const BAP_API_VERSIONS_SEEN = ['2023-06-01', '2021-04-01', '2020-10-01', '2020-06-01', '2019-05-01', '2018-10-01', '2016-11-01'] as const;

/** Defaults: no latency, no limits except Dataverse's documented 52 concurrent requests. */
export function defaultSimConfig(): SimConfig {
  return {
    graph: { ...quiet },
    bap: { ...quiet },
    powerApps: { ...quiet },
    dataverse: { ...quiet, maxConcurrent: 52 },
    provisioningDelayMs: 0,
    groupLicensingDelayMs: 0,
    unverified: {
      nestedGroupMembershipCounts: false,
      noDataverseStatus: 400,
      addUserSuccessBody: 'empty',
      trialPlansCountInProduction: true,
      adminModeBlocksAddUser: false,
      developerCreatorOnly: true,
      groupTeamNestedMembershipCounts: false,
      bapEnvironmentsPageSize: 50,
      deletedUserRetentionDays: 30,
      deletedUserUpnPrefixed: true,
      expandedCollectionsLinkOnly: false,
      jsonContentTypeStatus: 415,
      reassociateExistingRole: 'ignore',
      maxAssignedToCountsGroups: true,
      powerAppsPageSize: 250,
    },
    bapApiVersions: [...BAP_API_VERSIONS_SEEN],
    tokenClockSkewSeconds: 300,
    seed: 1,
  };
}

const LIMIT_RULES: Record<keyof SurfaceLimits, { min: number; max: number; integer: boolean }> = {
  latencyMs: { min: 0, max: 600_000, integer: false },
  jitterMs: { min: 0, max: 600_000, integer: false },
  maxConcurrent: { min: 0, max: 1_000_000, integer: true },
  requestsPerSecond: { min: 0, max: 10_000_000, integer: false },
  random429Rate: { min: 0, max: 1, integer: false },
  random503Rate: { min: 0, max: 1, integer: false },
  retryAfterSeconds: { min: 0, max: 3600, integer: true },
};

/**
 * Applies a patch onto a copy of `base`. Every problem is reported (path: reason) and nothing is
 * applied when there is any, so a bad POST /_sim/config changes nothing.
 */
export function mergeSimConfig(base: SimConfig, patch: unknown): { config: SimConfig; errors: string[] } {
  const config: SimConfig = structuredClone(base);
  const errors: string[] = [];
  if (!isObject(patch)) return { config: base, errors: ['/: must be an object'] };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'graph' || key === 'bap' || key === 'powerApps' || key === 'dataverse') mergeLimits(config[key], value, `/${key}`, errors);
    else if (key === 'provisioningDelayMs' || key === 'groupLicensingDelayMs' || key === 'seed' || key === 'tokenClockSkewSeconds') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) errors.push(`/${key}: must be a number >= 0`);
      else config[key] = value;
    } else if (key === 'bapApiVersions') {
      if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && API_VERSION.test(v))) config.bapApiVersions = [...(value as string[])];
      else errors.push(`/${key}: must be a non-empty list of api-versions (yyyy-mm-dd or yyyy-mm-dd-preview)`);
    } else if (key === 'unverified') mergeUnverified(config.unverified, value, errors);
    else errors.push(`/${key}: unknown setting`);
  }
  return errors.length > 0 ? { config: base, errors } : { config, errors };
}

function mergeLimits(target: SurfaceLimits, patch: unknown, path: string, errors: string[]): void {
  if (!isObject(patch)) {
    errors.push(`${path}: must be an object`);
    return;
  }
  for (const [key, value] of Object.entries(patch)) {
    const rule = LIMIT_RULES[key as keyof SurfaceLimits];
    if (!rule) errors.push(`${path}/${key}: unknown setting`);
    else if (typeof value !== 'number' || !Number.isFinite(value) || value < rule.min || value > rule.max || (rule.integer && !Number.isInteger(value))) {
      errors.push(`${path}/${key}: must be ${rule.integer ? 'an integer' : 'a number'} between ${rule.min} and ${rule.max}`);
    } else target[key as keyof SurfaceLimits] = value;
  }
}

const API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

type BooleanKnob =
  | 'nestedGroupMembershipCounts'
  | 'trialPlansCountInProduction'
  | 'adminModeBlocksAddUser'
  | 'developerCreatorOnly'
  | 'groupTeamNestedMembershipCounts'
  | 'expandedCollectionsLinkOnly'
  | 'deletedUserUpnPrefixed'
  | 'maxAssignedToCountsGroups';
const BOOLEAN_KNOBS: ReadonlySet<string> = new Set<BooleanKnob>([
  'nestedGroupMembershipCounts',
  'trialPlansCountInProduction',
  'adminModeBlocksAddUser',
  'developerCreatorOnly',
  'groupTeamNestedMembershipCounts',
  'expandedCollectionsLinkOnly',
  'deletedUserUpnPrefixed',
  'maxAssignedToCountsGroups',
]);

function mergeUnverified(target: SimConfig['unverified'], patch: unknown, errors: string[]): void {
  if (!isObject(patch)) {
    errors.push('/unverified: must be an object');
    return;
  }
  for (const [key, value] of Object.entries(patch)) {
    const path = `/unverified/${key}`;
    if (BOOLEAN_KNOBS.has(key)) {
      if (typeof value === 'boolean') target[key as BooleanKnob] = value;
      else errors.push(`${path}: must be a boolean`);
    } else if (key === 'noDataverseStatus') {
      if (value === 400 || value === 404) target.noDataverseStatus = value;
      else errors.push(`${path}: must be 400 or 404`);
    } else if (key === 'jsonContentTypeStatus') {
      if (value === 400 || value === 415) target.jsonContentTypeStatus = value;
      else errors.push(`${path}: must be 400 or 415`);
    } else if (key === 'deletedUserRetentionDays') {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 3650) target.deletedUserRetentionDays = value;
      else errors.push(`${path}: must be a number of days between 0 and 3650`);
    } else if (key === 'bapEnvironmentsPageSize') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5000) target.bapEnvironmentsPageSize = value;
      else errors.push(`${path}: must be an integer between 1 and 5000`);
    } else if (key === 'powerAppsPageSize') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5000) target.powerAppsPageSize = value;
      else errors.push(`${path}: must be an integer between 1 and 5000`);
    } else if (key === 'reassociateExistingRole') {
      if (value === 'ignore' || value === 'duplicate') target.reassociateExistingRole = value;
      else errors.push(`${path}: must be 'ignore' or 'duplicate'`);
    } else if (key === 'addUserSuccessBody') {
      if (value === 'empty' || value === 'information') target.addUserSuccessBody = value;
      else errors.push(`${path}: must be 'empty' or 'information'`);
    } else errors.push(`${path}: unknown setting`);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
