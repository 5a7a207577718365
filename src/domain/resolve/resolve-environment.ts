import type { Environment } from '../../gateways/types';
import { nicknameMatches } from './environment-nicknames';
import { unquote, fold, MAX_CANDIDATES, nearest, type Resolution } from './resolution';

/** Suggestions for a name that matched nothing: nicknames first ("prod"), then near spellings. */
const MAX_SUGGESTIONS = 5;

/**
 * A URL names an environment only when its host is that environment's Dataverse instance host: a link
 * anywhere else (a look-alike host, or any host with an environment id in its path) names nothing.
 */
function fromUrl(query: string, environments: readonly Environment[]): Environment | undefined {
  const url = safeUrl(query);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return undefined;
  const host = url.host.toLowerCase();
  return environments.find((env) => {
    const instance = env.dataverse ? safeUrl(env.dataverse.instanceUrl) : null;
    return instance !== null && instance.host.toLowerCase() === host;
  });
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function ambiguous(matches: Environment[]): Resolution<Environment> {
  if (matches.length === 1 && matches[0]) return { kind: 'found', value: matches[0] };
  return { kind: 'ambiguous', candidates: matches.slice(0, MAX_CANDIDATES), more: matches.length > MAX_CANDIDATES };
}

/**
 * An environment by id, URL (on its Dataverse instance host) or display name:
 * exact (case-insensitive), else unique prefix, else whole words. A miss suggests nicknames and near
 * spellings. Pure: the caller passes the list.
 */
export function resolveEnvironment(query: string, environments: readonly Environment[]): Resolution<Environment> {
  const raw = unquote(query);
  const q = fold(raw).replace(/\s+(environment|env)$/, '');
  if (q === '') return { kind: 'not-found', suggestions: [] };
  const byId = environments.find((env) => env.id.toLowerCase() === q);
  if (byId) return { kind: 'found', value: byId };
  const byUrl = /^https?:\/\//i.test(raw) ? fromUrl(raw, environments) : undefined;
  if (byUrl) return { kind: 'found', value: byUrl };
  const exact = environments.filter((env) => fold(env.displayName) === q);
  if (exact.length > 0) return ambiguous(exact);
  const words = q.split(' ');
  const partial = environments.filter((env) => {
    const name = fold(env.displayName);
    const envWords = name.split(/[\s()\-–,]+/);
    return name.startsWith(q) || words.every((w) => envWords.includes(w));
  });
  if (partial.length > 0) return ambiguous(partial);
  const suggestions = [...nicknameMatches(q, environments), ...nearest(q, environments, (env) => [env.displayName])];
  return { kind: 'not-found', suggestions: [...new Set(suggestions)].slice(0, MAX_SUGGESTIONS) };
}

/**
 * How to write an environment so that it resolves back to exactly it: its name when no other environment
 * has that name (reads well in messages, buttons and the audit trail), else its id.
 */
export function environmentReference(environment: Environment, environments: readonly Environment[]): string {
  const name = fold(environment.displayName);
  return environments.filter((e) => fold(e.displayName) === name).length === 1 ? environment.displayName : environment.id;
}
