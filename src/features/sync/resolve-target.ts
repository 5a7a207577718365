import { resolveGroup, resolveUser } from '../../domain/resolve';
import { mapBounded } from '../../map-bounded';
import type { DirectoryGroup, DirectoryUser, GraphGateway } from '../../gateways/types';
import { inert, MAX_NAME_CHARS } from '../../app/text';
import type { SyncRequest } from './parse-sync';

export type TargetResolution =
  | { kind: 'group'; group: DirectoryGroup }
  | { kind: 'users'; users: DirectoryUser[] }
  /** `name` is ambiguous: pick one of `candidates` (object ids) and run again. */
  | { kind: 'choose'; name: string; question: string; candidates: { id: string; title: string }[]; more: boolean }
  | { kind: 'unknown'; message: string };

/** Named people are looked up a few at a time (one Graph search each). */
const NAME_LOOKUPS_IN_FLIGHT = 4;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A single name is a group if one matches, else a person; several names are people. */
export async function resolveTarget(request: SyncRequest, graph: GraphGateway): Promise<TargetResolution> {
  const whole = request.target;
  // Longer than any group or person name: a list of people, never sent to Graph whole.
  const list = whole.length > MAX_NAME_CHARS;
  if (!EMAIL.test(whole) && !list) {
    const group = await resolveGroup(whole, graph);
    if (group.kind === 'found') return { kind: 'group', group: group.value };
    if (group.kind === 'ambiguous') {
      return { kind: 'choose', name: whole, question: `Several groups match "${inert(whole)}". Which one?`, more: group.more,
        candidates: group.candidates.map((g) => ({ id: g.id, title: g.displayName })) };
    }
  }
  // "Jane Doe, Bob and Ravi" is several people, unless the whole text is one person ("Smith, Jane").
  const asOne = list ? null : await resolveUser(whole, graph);
  const names = request.names.length > 1 && asOne?.kind !== 'found' ? request.names : [whole];
  const found = asOne && names.length === 1 ? [asOne] : await mapBounded(names, NAME_LOOKUPS_IN_FLIGHT, (name) => resolveUser(name, graph));
  const users: DirectoryUser[] = [];
  const unknown: string[] = [];
  for (const [i, result] of found.entries()) {
    const name = names[i] as string;
    if (result.kind === 'found') users.push(result.value);
    else if (result.kind === 'ambiguous') {
      return { kind: 'choose', name, question: `Several people match "${inert(name)}". Who did you mean?`, more: result.more,
        candidates: result.candidates.map((u) => ({ id: u.id, title: `${u.displayName} (${u.userPrincipalName})` })) };
    } else {
      const hint = result.suggestions.length > 0 ? ` (did you mean ${result.suggestions.map((u) => u.displayName).join(', ')}?)` : '';
      unknown.push(`"${inert(name)}"${hint}`);
    }
  }
  if (unknown.length > 0) {
    return { kind: 'unknown', message: `I can't find a group or person called ${unknown.join('; ')}. Nothing was synced.` };
  }
  return { kind: 'users', users: dedupe(users) };
}

function dedupe(users: DirectoryUser[]): DirectoryUser[] {
  const seen = new Set<string>();
  return users.filter((u) => !seen.has(u.id.toLowerCase()) && seen.add(u.id.toLowerCase()));
}
