import type { Deps } from '../../app/deps';
import { resolveEnvironment } from '../../domain/resolve';
import { appQuery, resolveApp, type AppName } from '../../domain/resolve/resolve-app';
import { fold } from '../../domain/resolve/resolution';
import type { Environment } from '../../gateways/types';
import { appCatalogue, knownApps, type EnvironmentApps } from './app-catalogue';

export type AppFinding =
  /** One name, in one or more environments; `lists` are the environments' app lists it was found in. */
  | { kind: 'found'; app: AppName; lists: EnvironmentApps[] }
  | { kind: 'choose-app'; candidates: AppName[]; more: boolean }
  | { kind: 'app-not-found'; query: string; suggestions: AppName[]; unread: string[] }
  | { kind: 'environment-not-found'; query: string; suggestions: Environment[] }
  /** The name is an environment's, and no app's: the question is about the environment. */
  | { kind: 'is-environment'; environment: Environment };

export interface FindAppRequest {
  app: string;
  environment: string | null;
  /** "open UAT": the name may be an environment's (verbs that fit both). */
  mayBeEnvironment: boolean;
}

type FindDeps = Pick<Deps, 'powerApps' | 'dataverse' | 'now' | 'log'>;

const isExactEnvironment = (text: string, env: Environment): boolean => fold(env.displayName) === fold(text) || env.id.toLowerCase() === text.trim().toLowerCase();

/**
 * An app by name among the apps the bot knows (the catalogue; read again once on a miss), in one named
 * environment or in all of them. A name that is exactly an environment's is the environment; an app's
 * exact name comes before an environment's prefix ("Field Inspection" the app, not "Field Inspections").
 */
export async function findApp(deps: FindDeps, request: FindAppRequest, environments: readonly Environment[]): Promise<AppFinding> {
  let scope: readonly Environment[] = environments;
  if (request.environment !== null) {
    const found = resolveEnvironment(request.environment, environments);
    if (found.kind !== 'found') return { kind: 'environment-not-found', query: request.environment, suggestions: found.kind === 'ambiguous' ? found.candidates : found.suggestions };
    scope = [found.value];
  } else if (request.mayBeEnvironment) {
    const exact = environments.filter((env) => isExactEnvironment(appQuery(request.app), env) || isExactEnvironment(request.app, env));
    if (exact.length === 1 && exact[0]) return { kind: 'is-environment', environment: exact[0] };
  }
  const catalogue = appCatalogue(deps);
  const started = deps.now();
  let lists = await catalogue.all(scope);
  let resolution = resolveApp(request.app, knownApps(lists));
  if (resolution.kind === 'not-found' && lists.some((list) => list.readAt < started)) {
    lists = await catalogue.all(scope, { fresh: true });
    resolution = resolveApp(request.app, knownApps(lists));
  }
  if (resolution.kind === 'found') {
    const ids = new Set(resolution.value.apps.map((app) => app.environment.id.toLowerCase()));
    return { kind: 'found', app: resolution.value, lists: lists.filter((list) => ids.has(list.environment.id.toLowerCase())) };
  }
  if (resolution.kind === 'ambiguous') return { kind: 'choose-app', candidates: resolution.candidates, more: resolution.more };
  if (request.mayBeEnvironment && request.environment === null) {
    const env = resolveEnvironment(appQuery(request.app), environments);
    if (env.kind === 'found') return { kind: 'is-environment', environment: env.value };
  }
  return { kind: 'app-not-found', query: request.app, suggestions: resolution.suggestions, unread: lists.flatMap((list) => list.unread) };
}
