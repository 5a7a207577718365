import { isObject } from '../config';
import type { SimGroup, SimLicense, SimSku, SimUser } from '../model';
import { findGroup, findUser } from '../state';
import type { SimContext, SimRequest, SimResponse } from '../types';
import { requestBadRequest, resourceNotFound } from './errors';
import { assignmentError, findSku, reconcileGroupLicences, type AssignmentError } from './licences';
import { project } from './resources';

/**
 * `POST /users/{id}/assignLicense` (§12: 200 + the user) and `POST /groups/{id}/assignLicense` (202 + the group;
 * its direct user members get the licences after `groupLicensingDelayMs`). Everything in a request is checked
 * before anything changes: one refusal refuses the whole request.
 */

const same = (a: string | undefined, b: string | undefined): boolean => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** §12's observed texts; the mutually exclusive and dependency messages are UNVERIFIED (documented in simulated-tenant.md). */
export const ASSIGN_MESSAGES = {
  usageLocation: 'License assignment cannot be done for user with invalid usage location.',
  noUnits: (sku: SimSku) => `License assignment failed because the subscription ${sku.skuPartNumber} (${sku.skuId}) does not have any available licenses.`,
  inherited: 'User license is inherited from a group membership and it cannot be removed directly from the user.',
  exclusive: (sku: SimSku) => `License assignment failed because the service plans of ${sku.skuPartNumber} (${sku.skuId}) are mutually exclusive with a license the user already has.`,
  dependency: (sku: SimSku) => `License assignment failed because ${sku.skuPartNumber} (${sku.skuId}) depends on a license the user does not have.`,
} as const;

interface Body {
  add: { skuId: string; disabledPlans: string[] }[];
  remove: string[];
}

/** Both arrays are required (Microsoft's examples always send both; a missing one is refused: UNVERIFIED wording). */
function parseBody(body: unknown, resource: 'User' | 'Group'): Body | string {
  if (!isObject(body)) return 'The request body must be a JSON object with addLicenses and removeLicenses.';
  const { addLicenses, removeLicenses } = body;
  if (!Array.isArray(addLicenses)) return `Invalid value specified for property 'addLicenses' of resource '${resource}'.`;
  if (!Array.isArray(removeLicenses) || removeLicenses.some((id) => typeof id !== 'string' || !GUID.test(id))) return `Invalid value specified for property 'removeLicenses' of resource '${resource}'.`;
  const add: Body['add'] = [];
  for (const item of addLicenses) {
    const skuId = isObject(item) ? item.skuId : undefined;
    const plans = isObject(item) ? (item.disabledPlans ?? []) : undefined;
    if (typeof skuId !== 'string' || !GUID.test(skuId) || !Array.isArray(plans) || plans.some((p) => typeof p !== 'string')) {
      return `Invalid value specified for property 'addLicenses' of resource '${resource}'.`;
    }
    add.push({ skuId, disabledPlans: plans as string[] });
  }
  return { add, remove: removeLicenses as string[] };
}

/** The SKU of an added licence, or why not: unknown SKU or a disabled plan it does not have (wording UNVERIFIED). */
function skuFor(ctx: SimContext, licence: Body['add'][number]): SimSku | string {
  const sku = findSku(ctx.state.fixture, licence.skuId);
  if (!sku) return `License ${licence.skuId} does not correspond to a valid company License.`;
  const unknown = licence.disabledPlans.find((plan) => !sku.servicePlans.some((p) => same(p.servicePlanId, plan)));
  return unknown ? `Service plan ${unknown} is not part of the license ${sku.skuPartNumber} (${sku.skuId}).` : sku;
}

function refusal(error: AssignmentError, sku: SimSku): string {
  if (error === 'CountViolation') return ASSIGN_MESSAGES.noUnits(sku);
  return error === 'MutuallyExclusiveViolation' ? ASSIGN_MESSAGES.exclusive(sku) : ASSIGN_MESSAGES.dependency(sku);
}

export function assignUserLicense(req: SimRequest, ctx: SimContext, id: string): SimResponse {
  const user = findUser(ctx.state, id);
  if (!user || user.deleted) return resourceNotFound(req, id);
  const body = parseBody(req.body, 'User');
  if (typeof body === 'string') return requestBadRequest(req, body);
  if (body.add.length > 0 && (user.usageLocation === null || (user.usageLocation !== undefined && !/^[A-Z]{2}$/.test(user.usageLocation)))) {
    return requestBadRequest(req, ASSIGN_MESSAGES.usageLocation);
  }
  const direct = (skuId: string) => user.licenses.find((l) => !l.assignedByGroup && same(l.skuId, skuId));
  for (const skuId of body.remove) {
    if (direct(skuId)) continue;
    const inherited = user.licenses.some((l) => l.assignedByGroup && same(l.skuId, skuId));
    return requestBadRequest(req, inherited ? ASSIGN_MESSAGES.inherited : `User does not have a corresponding license ${skuId} to remove.`);
  }
  const remaining = user.licenses.filter((l) => !(!l.assignedByGroup && body.remove.some((skuId) => same(skuId, l.skuId))));
  const changes: { entry: SimLicense | undefined; sku: SimSku; disabledPlans: string[] }[] = [];
  for (const licence of body.add) {
    const sku = skuFor(ctx, licence);
    if (typeof sku === 'string') return requestBadRequest(req, sku);
    const entry = direct(sku.skuId);
    const error = assignmentError(ctx.state, { ...user, licenses: remaining }, sku, entry);
    if (error) return requestBadRequest(req, refusal(error, sku));
    changes.push({ entry, sku, disabledPlans: licence.disabledPlans });
  }
  user.licenses.splice(0, user.licenses.length, ...remaining);
  for (const { entry, sku, disabledPlans } of changes) {
    if (entry) entry.disabledPlans = [...disabledPlans];
    else user.licenses.push({ skuId: sku.skuId, disabledPlans: [...disabledPlans] });
  }
  return { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity', ...project({ kind: 'user', user }, undefined, ctx.state.fixture.tenant.defaultDomain, false) } };
}

/** Group-based licensing needs a security-enabled group (Entra); our Microsoft 365 groups are not (UNVERIFIED wording). */
export function assignGroupLicense(req: SimRequest, ctx: SimContext, id: string): SimResponse {
  const group = findGroup(ctx.state, id);
  if (!group) return resourceNotFound(req, id);
  const body = parseBody(req.body, 'Group');
  if (typeof body === 'string') return requestBadRequest(req, body);
  if (group.kind !== 'security') return requestBadRequest(req, 'Licenses can only be assigned to security-enabled groups.');
  const current = group.assignedLicenses ?? [];
  const missing = body.remove.find((skuId) => !current.some((l) => same(l.skuId, skuId)));
  if (missing) return requestBadRequest(req, `The group does not have a corresponding license ${missing} to remove.`);
  const added: SimLicense[] = [];
  for (const licence of body.add) {
    const sku = skuFor(ctx, licence);
    if (typeof sku === 'string') return requestBadRequest(req, sku);
    added.push({ skuId: sku.skuId, disabledPlans: [...licence.disabledPlans] });
  }
  const kept = current.filter((l) => !body.remove.some((skuId) => same(skuId, l.skuId)) && !added.some((a) => same(a.skuId, l.skuId)));
  group.assignedLicenses = [...kept, ...added];
  scheduleGroupLicensing(ctx, group);
  return {
    status: 202,
    headers: { location: `https://graph.microsoft.com/v2/${ctx.state.fixture.tenant.id}/directoryObjects/${group.id}/Microsoft.DirectoryServices.Group` },
    body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups/$entity', ...project({ kind: 'group', group }, undefined, ctx.state.fixture.tenant.defaultDomain, false) },
  };
}

/** The licensing service's pass over the group's direct user members, `groupLicensingDelayMs` later (asynchronous, as in Entra). */
export function scheduleGroupLicensing(ctx: SimContext, group: SimGroup, onlyUserId?: string): void {
  const users = (onlyUserId ? [onlyUserId] : group.members).map((memberId) => findUser(ctx.state, memberId)).filter((u): u is SimUser => u !== undefined);
  if (users.length === 0) return;
  ctx.schedule(ctx.config.groupLicensingDelayMs, () => {
    for (const user of users) reconcileGroupLicences(ctx.state, user);
  });
}
