import { isGuid } from '../../ids';
import type { DirectoryGroup, GraphGateway } from '../../gateways/types';
import { unquote, fold, MAX_CANDIDATES, nearest, type Resolution } from './resolution';

/** A group by object id or display name (exact first, else prefix). */
export async function resolveGroup(query: string, graph: GraphGateway): Promise<Resolution<DirectoryGroup>> {
  const raw = unquote(query);
  if (raw === '') return { kind: 'not-found', suggestions: [] };
  if (isGuid(raw)) {
    const group = await graph.getGroup(raw);
    if (group) return { kind: 'found', value: group };
  }
  const matches = await graph.findGroups(raw, MAX_CANDIDATES + 1);
  const exact = matches.filter((g) => fold(g.displayName) === fold(raw));
  if (exact.length === 1 && exact[0]) return { kind: 'found', value: exact[0] };
  if (matches.length === 1 && matches[0]) return { kind: 'found', value: matches[0] };
  if (matches.length > 1) {
    return { kind: 'ambiguous', candidates: matches.slice(0, MAX_CANDIDATES), more: matches.length > MAX_CANDIDATES };
  }
  const firstWord = raw.split(/\s+/)[0] ?? '';
  const pool = firstWord.length > 1 ? await graph.findGroups(firstWord.slice(0, 2), 50) : [];
  return { kind: 'not-found', suggestions: nearest(raw, pool, (g) => [g.displayName]) };
}
