import { isGuid } from '../../ids';
import { records as list, str, strOrNull, strings } from '../http/wire';
import { queryString } from '../odata';
import type { AssignedLicense, LicensingGroup, UserLicensing } from '../types';
import { GROUP_SELECT, toGroup, values } from './graph-mappers';
import type { GraphRequester } from './graph-requester';

/** §12 reads and writes: a user's licence assignments and usage location, groups that assign a SKU, `assignLicense`. */

const PAGE = 999;
const LICENSING_SELECT = 'id,usageLocation,assignedLicenses,licenseAssignmentStates';

const toLicences = (wire: unknown): AssignedLicense[] => list(wire).map((l) => ({ skuId: str(l.skuId), disabledPlans: strings(l.disabledPlans) }));

/** `GET /users/{id}?$select=id,usageLocation,assignedLicenses,licenseAssignmentStates`; 404 → null. */
export async function getUserLicensing(graph: GraphRequester, userId: string): Promise<UserLicensing | null> {
  if (!isGuid(userId)) return null;
  const body = await graph.getOrNull(`/users/${userId}${queryString({ $select: LICENSING_SELECT })}`);
  if (!body) return null;
  return {
    userId: str(body.id),
    usageLocation: strOrNull(body.usageLocation),
    assignedLicenses: toLicences(body.assignedLicenses),
    assignments: list(body.licenseAssignmentStates).map((s) => ({
      skuId: str(s.skuId),
      assignedByGroup: strOrNull(s.assignedByGroup),
      disabledPlans: strings(s.disabledPlans),
      state: str(s.state),
      // Graph's page says null when assigned; "None" is seen too.
      error: s.error === 'None' ? null : strOrNull(s.error),
    })),
  };
}

/** `GET /groups?$filter=assignedLicenses/any(x:x/skuId eq {sku})` (§12, community; a GUID literal is unquoted), every page. */
export async function findLicensingGroups(graph: GraphRequester, skuId: string): Promise<LicensingGroup[]> {
  if (!isGuid(skuId)) return [];
  const groups: LicensingGroup[] = [];
  const query = queryString({ $filter: `assignedLicenses/any(x:x/skuId eq ${skuId})`, $select: `${GROUP_SELECT},assignedLicenses`, $top: PAGE });
  for await (const page of graph.pages(`/groups${query}`)) {
    for (const item of values(page)) groups.push({ ...toGroup(item), assignedLicenses: toLicences(item.assignedLicenses) });
  }
  return groups;
}

export function assignLicence(graph: GraphRequester, userId: string, add: readonly AssignedLicense[], remove: readonly string[]): Promise<void> {
  const body = { addLicenses: add.map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans] })), removeLicenses: [...remove] };
  return graph.write('POST', `/users/${userId}/assignLicense`, body, 'LicenseAssignment.ReadWrite.All');
}
