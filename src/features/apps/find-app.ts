import type { Deps } from '../../app/deps';
import { resolveEnvironment } from '../../domain/resolve';
import type { AppKind } from '../../domain/access/app-diagnosis';
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
  | { kind: 'is-environment'; environment: Environment }
  /** The name starts both an app's name and an environment's, and is neither exactly: the person chooses. */
  | { kind: 'app-or-environment'; app: AppName; environments: Environment[] };

export interface FindAppRequest {
  app: string;
  environment: string | null;
  /** "open UAT": the name may be an environment's (verbs that fit both). */
  mayBeEnvironment: boolean;
}

type FindDeps = Pick<Deps, 'powerApps' | 'dataverse' | 'now' | 'log'>;

export const isExactEnvironment = (text: string, env: Environment): boolean => fold(env.displayName) === fold(text) || env.id.toLowerCase() === text.trim().toLowerCase();

/** "the Expense Tracker model-driven app", "the Field Inspection canvas app": the kind the sentence names, if any. */
export function kindNamed(text: string): AppKind | null {
  if (/\bmodel[- ]driven app$/i.test(text.trim())) return 'model-driven';
  if (/\bcanvas app$/i.test(text.trim())) return 'canvas';
  return null;
}

/**
 * One environment, and the name is exactly a canvas app's there (and the sentence doesn't say
 * "model-driven app"): that app, from the canvas list alone. A model-driven app of the very same name in
 * the same environment is reached by saying so ("the … model-driven app"). Null: both lists are needed.
 */
async function exactCanvasApp(deps: FindDeps, request: FindAppRequest, scope: readonly Environment[]): Promise<AppFinding | null> {
  const [environment] = scope;
  if (scope.length !== 1 || !environment || kindNamed(request.app) === 'model-driven') return null;
  const list = await appCatalogue(deps).canvas(environment);
  const name = fold(appQuery(request.app));
  const apps = knownApps([list]).filter((app) => fold(app.name) === name);
  const [first] = apps;
  return first ? { kind: 'found', app: { name: first.name, apps }, lists: [list] } : null;
}

/**
 * An app by name among the apps the bot knows (the catalogue; read again once on a miss), in one named
 * environment or in all of them. A name that is exactly an environment's is the environment; an app's
 * exact name comes before an environment's prefix ("Field Inspection" the app, not "Field Inspections");
 * a name that only starts both is a choice. In one environment an exact canvas name needs only the
 * canvas list (src/features/apps/app-catalogue.ts), so a first question costs no model-driven read.
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
  const canvas = await exactCanvasApp(deps, request, scope);
  if (canvas) return canvas;
  const catalogue = appCatalogue(deps);
  const kind = kindNamed(request.app);
  const named = (lists: readonly EnvironmentApps[]) => knownApps(lists).filter((app) => kind === null || app.kind === kind);
  const started = deps.now();
  let lists = await catalogue.all(scope);
  let resolution = resolveApp(request.app, named(lists));
  if (resolution.kind === 'not-found' && lists.some((list) => list.readAt < started)) {
    lists = await catalogue.all(scope, { fresh: true });
    resolution = resolveApp(request.app, named(lists));
  }
  if (resolution.kind === 'found') {
    const app = resolution.value;
    const ids = new Set(app.apps.map((a) => a.environment.id.toLowerCase()));
    const environment = request.mayBeEnvironment && request.environment === null && fold(app.name) !== fold(appQuery(request.app)) ? resolveEnvironment(appQuery(request.app), environments) : null;
    if (environment?.kind === 'found') return { kind: 'app-or-environment', app, environments: [environment.value] };
    if (environment?.kind === 'ambiguous') return { kind: 'app-or-environment', app, environments: environment.candidates };
    return { kind: 'found', app, lists: lists.filter((list) => ids.has(list.environment.id.toLowerCase())) };
  }
  if (resolution.kind === 'ambiguous') return { kind: 'choose-app', candidates: resolution.candidates, more: resolution.more };
  if (request.mayBeEnvironment && request.environment === null) {
    const env = resolveEnvironment(appQuery(request.app), environments);
    if (env.kind === 'found') return { kind: 'is-environment', environment: env.value };
  }
  return { kind: 'app-not-found', query: request.app, suggestions: resolution.suggestions, unread: lists.flatMap((list) => list.unread) };
}
