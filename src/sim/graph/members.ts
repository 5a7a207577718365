import { isObject } from '../config';
import { graphError } from '../surface-errors';
import { addGroupMember, findGroup, removeGroupMember, transitiveMemberIds } from '../state';
import type { SimContext, SimRequest, SimResponse } from '../types';
import { requestBadRequest, resourceNotFound } from './errors';
import { directoryObject, liveObjects } from './directory';
import { listCollection } from './list';
import { cachedListing } from './listing-cache';
import { scheduleGroupLicensing } from './assign-license';

export type MemberRelation = 'members' | 'transitiveMembers' | 'owners';
const CASTS = { 'microsoft.graph.user': 'user', 'microsoft.graph.group': 'group' } as const;
export type MemberCast = keyof typeof CASTS;
export const isMemberCast = (segment: string): segment is MemberCast => segment in CASTS;

export function listMembers(req: SimRequest, ctx: SimContext, groupId: string, relation: MemberRelation, cast?: MemberCast): SimResponse {
  const group = findGroup(ctx.state, groupId);
  if (!group) return resourceNotFound(req, groupId);
  const kind = cast ? CASTS[cast] : undefined;
  const source = relation === 'owners' ? group.owners : group.members;
  const items = cachedListing(ctx.state, `${group.id.toLowerCase()}/${relation}/${kind ?? ''}`, source, () => {
    const ids = relation === 'transitiveMembers' ? transitiveMemberIds(ctx.state, group) : source;
    const live = liveObjects(ctx.state, ids);
    return kind ? live.filter((o) => o.kind === kind) : live;
  });
  return listCollection(req, ctx, items, {
    contextPath: kind ? `${kind}s` : 'directoryObjects',
    kinds: kind ? [kind] : ['user', 'group'],
    withType: !kind,
    filterIsAdvancedQuery: true,
    pageable: true,
  });
}

/** POST /groups/{id}/members/$ref with { "@odata.id": ".../directoryObjects/{id}" }. */
export function addMemberRef(req: SimRequest, ctx: SimContext, groupId: string): SimResponse {
  const group = findGroup(ctx.state, groupId);
  if (!group) return resourceNotFound(req, groupId);
  const ref = isObject(req.body) ? req.body['@odata.id'] : undefined;
  if (typeof ref !== 'string' || ref.trim() === '') return requestBadRequest(req, "Invalid request: the body must contain '@odata.id'.");
  const match = /\/(?:directoryObjects|users|groups)\/([^/?#]+)$/i.exec(ref);
  if (!match) return requestBadRequest(req, `Invalid object identifier '${ref}'.`);
  const memberId = decodeURIComponent(match[1] as string);
  const member = directoryObject(ctx.state, memberId);
  if (!member) return resourceNotFound(req, memberId);
  const canonical = member.kind === 'user' ? member.user.id : member.kind === 'group' ? member.group.id : memberId;
  if (canonical.toLowerCase() === group.id.toLowerCase()) return requestBadRequest(req, 'A group cannot be added as a member of itself.');
  if (addGroupMember(ctx.state, group.id, canonical) === 'exists') {
    return requestBadRequest(req, "One or more added object references already exist for the following modified properties: 'members'.");
  }
  if (member.kind === 'user' && group.assignedLicenses?.length) scheduleGroupLicensing(ctx, group, canonical);
  return { status: 204 };
}

/**
 * DELETE /groups/{id}/members/{memberId}/$ref ("Remove member": 204; not a member: 404, the community-observed text).
 * Leaving a licensing group takes its licences away after `groupLicensingDelayMs`.
 */
export function removeMemberRef(req: SimRequest, ctx: SimContext, groupId: string, memberId: string): SimResponse {
  const group = findGroup(ctx.state, groupId);
  if (!group) return resourceNotFound(req, groupId);
  if (removeGroupMember(ctx.state, group.id, memberId) === 'absent') {
    return graphError(404, 'Request_ResourceNotFound', "One or more removed object references do not exist for the following modified properties: 'members'.", req.headers['client-request-id']);
  }
  if (group.assignedLicenses?.length) scheduleGroupLicensing(ctx, group, memberId);
  return { status: 204 };
}
