import { isGuid } from '../../ids';
import { odataString, queryString } from '../odata';
import type { DeletedUser, ServicePrincipal } from '../types';
import { DELETED_USER_SELECT, SERVICE_PRINCIPAL_SELECT, clampTop, toDeletedUser, toServicePrincipal, values } from './graph-mappers';
import type { GraphRequester } from './graph-requester';

const DELETED_USERS = '/directory/deletedItems/microsoft.graph.user';

/**
 * Entra's deleted users (microsoft-apis.md §13: the cast is required; $filter, $select, $top ≤ 999) whose
 * display name, UPN or mail starts with the text, in one request. The UPN of a deleted user may carry
 * a prefix (UNVERIFIED), so a typed UPN is also matched against the mail.
 */
export async function findDeletedUsers(graph: GraphRequester, query: string, limit: number): Promise<DeletedUser[]> {
  const text = query.trim();
  if (text === '') return [];
  const literal = odataString(text);
  const filter = ['displayName', 'userPrincipalName', 'mail'].map((property) => `startswith(${property},${literal})`).join(' or ');
  const top = clampTop(limit);
  const body = await graph.get(`${DELETED_USERS}${queryString({ $filter: filter, $select: DELETED_USER_SELECT, $top: top })}`);
  return values(body).map(toDeletedUser).slice(0, top);
}

/** `GET /directory/deletedItems/{id}` (§13); 404 (never deleted, or already purged) → null. */
export async function getDeletedUser(graph: GraphRequester, id: string): Promise<DeletedUser | null> {
  if (!isGuid(id)) return null;
  const body = await graph.getOrNull(`/directory/deletedItems/${id}${queryString({ $select: DELETED_USER_SELECT })}`);
  return body && body['@odata.type'] === '#microsoft.graph.user' ? toDeletedUser(body) : null;
}

/** `GET /servicePrincipals(appId='{appId}')` (§14, the alternate key); 404 → null. */
export async function getServicePrincipalByAppId(graph: GraphRequester, appId: string): Promise<ServicePrincipal | null> {
  if (!isGuid(appId)) return null;
  const body = await graph.getOrNull(`/servicePrincipals(appId='${appId}')${queryString({ $select: SERVICE_PRINCIPAL_SELECT })}`);
  return body ? toServicePrincipal(body) : null;
}

/** Service principals whose display name starts with the text, in one request, exact names first (§14: display names aren't unique). */
export async function findServicePrincipals(graph: GraphRequester, query: string, limit: number): Promise<ServicePrincipal[]> {
  const text = query.trim();
  if (text === '') return [];
  const top = clampTop(limit);
  const body = await graph.get(`/servicePrincipals${queryString({ $filter: `startswith(displayName,${odataString(text)})`, $select: SERVICE_PRINCIPAL_SELECT, $top: top })}`);
  const lower = text.toLowerCase();
  const rank = (sp: ServicePrincipal): number => (sp.displayName.toLowerCase() === lower ? 0 : 1);
  return values(body).map(toServicePrincipal).sort((a, b) => rank(a) - rank(b)).slice(0, top);
}
