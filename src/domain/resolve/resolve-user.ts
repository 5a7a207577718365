import { isGuid } from '../../ids';
import type { DirectoryUser, GraphGateway } from '../../gateways/types';
import { unquote, fold, MAX_CANDIDATES, nearest, type Resolution } from './resolution';

const SUGGESTION_POOL = 50;

/** What a person typed, as looked up: quotes and a leading @ removed. */
export function personQuery(query: string): string {
  return unquote(query).replace(/^@/, '');
}

/** Exact (folded) UPN, mail or display name. */
export function isExactPerson(user: DirectoryUser, q: string): boolean {
  return [user.userPrincipalName, user.mail ?? '', user.displayName].some((value) => fold(value) === q);
}

/** The nearest names to a miss, from one prefix query on its first letter. */
export async function suggestPeople(raw: string, graph: Pick<GraphGateway, 'findUsers'>): Promise<DirectoryUser[]> {
  const first = fold(raw).replace(/[^\p{L}\p{N}]/gu, '').slice(0, 1);
  const pool = first ? await graph.findUsers(first, SUGGESTION_POOL) : [];
  return nearest(raw, pool, (u) => [u.displayName, u.givenName ?? '', u.userPrincipalName]);
}

/**
 * A person by object id, UPN, mail, display name or given-name prefix. Values go to Graph only through
 * the gateway (which escapes them and tries an exact UPN/mail match first); ids are used only once they
 * are valid GUIDs. One Graph request when found by id, UPN, mail or name; a miss costs one more for
 * the nearest-name suggestions.
 */
export async function resolveUser(query: string, graph: GraphGateway): Promise<Resolution<DirectoryUser>> {
  const raw = personQuery(query);
  if (raw === '') return { kind: 'not-found', suggestions: [] };
  if (isGuid(raw)) {
    const user = await graph.getUser(raw);
    if (user) return { kind: 'found', value: user };
  }
  const matches = await graph.findUsers(raw, MAX_CANDIDATES + 1);
  const q = fold(raw);
  const exact = matches.filter((user) => isExactPerson(user, q));
  if (exact.length === 1 && exact[0]) return { kind: 'found', value: exact[0] };
  if (matches.length === 1 && matches[0]) return { kind: 'found', value: matches[0] };
  if (matches.length > 1) {
    return { kind: 'ambiguous', candidates: matches.slice(0, MAX_CANDIDATES), more: matches.length > MAX_CANDIDATES };
  }
  return { kind: 'not-found', suggestions: await suggestPeople(raw, graph) };
}
