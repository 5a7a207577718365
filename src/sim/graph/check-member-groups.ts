import { isObject } from '../config';
import { GUID_PATTERN } from '../ids';
import { transitiveParentGroups } from '../state';
import type { SimContext, SimRequest, SimResponse } from '../types';
import { requestBadRequest, resourceNotFound } from './errors';
import { directoryObject } from './directory';

const MAX_GROUP_IDS = 20;

/** POST /users/{id}/checkMemberGroups: the subset of groupIds the user belongs to, transitively. */
export function checkMemberGroups(req: SimRequest, ctx: SimContext, userId: string): SimResponse {
  const found = directoryObject(ctx.state, userId);
  if (!found || found.kind !== 'user') return resourceNotFound(req, userId);
  const groupIds = isObject(req.body) ? req.body.groupIds : undefined;
  if (!Array.isArray(groupIds) || !groupIds.every((g) => typeof g === 'string')) {
    return requestBadRequest(req, "Invalid request: the body must contain 'groupIds', an array of group ids.");
  }
  if (groupIds.length > MAX_GROUP_IDS) {
    return requestBadRequest(req, `The number of values in 'groupIds' (${groupIds.length}) exceeds the maximum of ${MAX_GROUP_IDS}.`);
  }
  const malformed = groupIds.find((g) => !GUID_PATTERN.test(g));
  if (malformed !== undefined) return requestBadRequest(req, `Invalid GUID:'${malformed}'`);
  const memberOf = new Set(transitiveParentGroups(ctx.state, found.user.id).map((g) => g.id.toLowerCase()));
  return {
    status: 200,
    body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)', value: groupIds.filter((g) => memberOf.has(g.toLowerCase())) },
  };
}
