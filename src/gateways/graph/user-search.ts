import { looksLikeUpn, odataString, queryString } from '../odata';
import type { DirectoryUser } from '../types';
import type { GraphRequester } from './graph-requester';
import { USER_SELECT, clampTop, toUser, values } from './graph-mappers';

const PREFIX_PROPERTIES = ['displayName', 'givenName', 'surname', 'userPrincipalName', 'mail'];

/**
 * Exact UPN or mail first when the text looks like one; otherwise (or when that finds nobody)
 * ONE prefix query over the name properties. Exact display-name matches are listed first.
 */
export async function findUsers(graph: GraphRequester, query: string, limit: number): Promise<DirectoryUser[]> {
  const text = query.trim();
  const top = clampTop(limit);
  if (text === '') return [];
  const literal = odataString(text);
  if (looksLikeUpn(text)) {
    const exact = await search(graph, `userPrincipalName eq ${literal} or mail eq ${literal}`, top);
    if (exact.length > 0) return exact;
  }
  const prefix = PREFIX_PROPERTIES.map((property) => `startswith(${property},${literal})`).join(' or ');
  const users = await search(graph, prefix, top);
  const lower = text.toLowerCase();
  const rank = (user: DirectoryUser): number => (user.displayName.toLowerCase() === lower ? 0 : 1);
  return users.sort((a, b) => rank(a) - rank(b)).slice(0, top);
}

async function search(graph: GraphRequester, filter: string, top: number): Promise<DirectoryUser[]> {
  const body = await graph.get(`/users${queryString({ $filter: filter, $select: USER_SELECT, $top: top })}`);
  return values(body).map(toUser).slice(0, top);
}
