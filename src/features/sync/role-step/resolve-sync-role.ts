import type { Deps } from '../../../app/deps';
import type { Environment } from '../../../gateways/types';
import type { JobOptions } from '../../../jobs/job-types';
import type { Answer } from '../../roles/shared/answer';
import { findRole, findUnit, readCatalogue } from '../../roles/shared/role-catalogue';

export type SyncRoleOptions = Pick<JobOptions, 'role' | 'businessUnit'>;

/**
 * The role and business unit a sync names, resolved in the environment like every name (exact,
 * prefix, a choice, suggestions): two Dataverse reads, only when the sync names one of them.
 * `command` rewrites the sync with the exact name picked, for choice buttons.
 */
export async function resolveSyncRole(
  deps: Pick<Deps, 'dataverse'>,
  environment: Environment,
  request: { role?: string; businessUnit?: string },
  command: (part: { role?: string; businessUnit?: string }) => string,
): Promise<{ ok: true; options: SyncRoleOptions } | { ok: false; answer: Answer }> {
  const instanceUrl = environment.dataverse?.instanceUrl;
  if (!instanceUrl || (request.role === undefined && request.businessUnit === undefined)) return { ok: true, options: {} };
  const catalogue = await readCatalogue(deps, instanceUrl);
  const options: SyncRoleOptions = {};
  if (request.role !== undefined) {
    const role = findRole(catalogue, request.role, environment.displayName, (name) => command({ role: name }));
    if (!role.ok) return role;
    options.role = { rootRoleId: role.value.rootRoleId, name: role.value.name };
  }
  if (request.businessUnit !== undefined) {
    const unit = findUnit(catalogue, request.businessUnit, environment.displayName, (name) => command({ businessUnit: name }));
    if (!unit.ok) return unit;
    options.businessUnit = { id: unit.value.businessUnitId, name: unit.value.name };
  }
  return { ok: true, options };
}
