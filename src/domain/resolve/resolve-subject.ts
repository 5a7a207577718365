import { AppError } from '../../errors';
import { isGuid } from '../../ids';
import type { DirectoryUser, GraphGateway } from '../../gateways/types';
import { upnBeforeDeletion, type Subject } from '../access/subject';
import { fold, MAX_CANDIDATES } from './resolution';
import { isExactPerson, personQuery, suggestPeople } from './resolve-user';

export type SubjectResolution =
  | { kind: 'found'; value: Subject }
  | { kind: 'ambiguous'; candidates: Subject[]; more: boolean }
  /** `unsearched`: why some places could not be looked in (e.g. the bot lacks Application.Read.All). */
  | { kind: 'not-found'; suggestions: DirectoryUser[]; unsearched: string[] };

export type SubjectDirectory = Pick<
  GraphGateway,
  'getUser' | 'findUsers' | 'findDeletedUsers' | 'getDeletedUser' | 'getServicePrincipalByAppId' | 'findServicePrincipals'
>;

const person = (user: DirectoryUser): Subject => ({ kind: 'person', user });

function namesOf(subject: Subject): string[] {
  switch (subject.kind) {
    case 'person':
      return [subject.user.userPrincipalName, subject.user.mail ?? '', subject.user.displayName];
    case 'deletedPerson':
      return [upnBeforeDeletion(subject.user), subject.user.mail ?? '', subject.user.displayName];
    case 'application':
      return [subject.app.displayName, subject.app.appId];
  }
}

const isExact = (q: string) => (subject: Subject) => namesOf(subject).some((name) => fold(name) === q);

/** One match, else the single exact one, else a choice (exact matches first), else nothing. */
function pick(q: string, candidates: Subject[], more: boolean): SubjectResolution | null {
  const exact = candidates.filter(isExact(q));
  const only = exact.length === 1 ? exact[0] : candidates.length === 1 ? candidates[0] : undefined;
  if (only) return { kind: 'found', value: only };
  if (candidates.length === 0) return null;
  const ordered = [...exact, ...candidates.filter((c) => !exact.includes(c))];
  return { kind: 'ambiguous', candidates: ordered.slice(0, MAX_CANDIDATES), more: more || candidates.length > MAX_CANDIDATES };
}

/** A lookup the resolution can go without: a Graph refusal (e.g. 403, no Application.Read.All) is noted, not fatal. */
async function optional<T>(unsearched: string[], what: string, lookup: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof AppError && error.code === 'graph.failed') {
      unsearched.push(`I couldn't look among ${what}: ${error.userMessage}`);
      return fallback;
    }
    throw error;
  }
}

/**
 * Who a typed name, UPN, mail or id means: a person, an application or a deleted person.
 *
 * People come first: a unique exact name, UPN or mail of a live user wins at once (one Graph request, as
 * before). Otherwise applications are looked up too (names and application (client) ids, §14; not for
 * text with an `@`) and a single match, or the single exact one, among people and applications wins;
 * several give a choice that lists both. Only when nobody alive matches are Entra's deleted users
 * searched (§13), so a deleted account is answered as such and never replaced by suggestions of
 * other people; suggestions come only when there is no deleted account either.
 */
export async function resolveSubject(query: string, graph: SubjectDirectory): Promise<SubjectResolution> {
  const raw = personQuery(query);
  const unsearched: string[] = [];
  if (raw === '') return { kind: 'not-found', suggestions: [], unsearched };
  if (isGuid(raw)) {
    const user = await graph.getUser(raw);
    if (user) return { kind: 'found', value: person(user) };
    const [app, deleted] = await Promise.all([
      optional(unsearched, 'applications', () => graph.getServicePrincipalByAppId(raw), null),
      optional(unsearched, 'deleted users', () => graph.getDeletedUser(raw), null),
    ]);
    if (app) return { kind: 'found', value: { kind: 'application', app } };
    if (deleted) return { kind: 'found', value: { kind: 'deletedPerson', user: deleted } };
    return { kind: 'not-found', suggestions: [], unsearched };
  }
  const q = fold(raw);
  const people = await graph.findUsers(raw, MAX_CANDIDATES + 1);
  const exactPeople = people.filter((user) => isExactPerson(user, q));
  if (exactPeople.length === 1 && exactPeople[0]) return { kind: 'found', value: person(exactPeople[0]) };
  const apps = raw.includes('@') ? [] : await optional(unsearched, 'applications', () => graph.findServicePrincipals(raw, MAX_CANDIDATES + 1), []);
  const alive = pick(q, [...people.map(person), ...apps.map((app): Subject => ({ kind: 'application', app }))], people.length > MAX_CANDIDATES || apps.length > MAX_CANDIDATES);
  if (alive) return alive;
  const deleted = await optional(unsearched, 'deleted users', () => graph.findDeletedUsers(raw, MAX_CANDIDATES + 1), []);
  const gone = pick(q, deleted.map((user): Subject => ({ kind: 'deletedPerson', user })), deleted.length > MAX_CANDIDATES);
  if (gone) return gone;
  return { kind: 'not-found', suggestions: await suggestPeople(raw, graph), unsearched };
}
