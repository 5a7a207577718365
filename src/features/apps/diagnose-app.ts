import type { Deps } from '../../app/deps';
import { mapBounded } from '../../map-bounded';
import type { AppDiagnosis } from '../../domain/access/app-diagnosis';
import { evaluateAppAccess } from '../../domain/access/evaluate-app';
import { subjectKey, type Subject } from '../../domain/access/subject';
import { resolveSubject } from '../../domain/resolve';
import type { AppName, KnownApp } from '../../domain/resolve/resolve-app';
import { tenantCache } from '../../gateways/tenant-cache';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { combineFacts, gatherUserFacts, loadEnvironmentData } from '../diagnose/gather-facts';
import type { DiagnoseRequest } from '../diagnose/parse-diagnose';
import type { EnvironmentApps } from './app-catalogue';
import { findApp } from './find-app';
import { readAppFacts } from './gather-app-facts';
import type { AppRequest } from './parse-apps';

/** Environments checked at the same time for "everywhere". */
export const APP_EVERYWHERE_CONCURRENCY = 4;

export type AppOutcome =
  | { kind: 'diagnosis'; diagnosis: AppDiagnosis }
  | { kind: 'everywhere'; app: AppName; person: DirectoryUser; rows: AppDiagnosis[] }
  /** The question is the environment diagnosis (the name was an environment's, "the app" is the default environment, or no person). */
  | { kind: 'environment'; request: DiagnoseRequest }
  /** "the app" with neither DEFAULT_APP nor DEFAULT_ENVIRONMENT: ask which app. */
  | { kind: 'ask-app'; request: AppRequest }
  | { kind: 'choose-user'; request: AppRequest; candidates: Subject[]; more: boolean }
  | { kind: 'user-not-found'; request: AppRequest; suggestions: DirectoryUser[]; unsearched: string[] }
  | { kind: 'choose-app'; request: AppRequest; candidates: AppName[]; more: boolean }
  | { kind: 'choose-app-environment'; request: AppRequest; app: AppName }
  /** The name starts both an app's and an environment's name: which one is meant. */
  | { kind: 'app-or-environment'; request: AppRequest; app: AppName; environments: Environment[] }
  | { kind: 'app-not-found'; request: AppRequest; query: string; suggestions: AppName[]; unread: string[] }
  | { kind: 'environment-not-found'; request: AppRequest; query: string; suggestions: Environment[] };

type AppDeps = Pick<Deps, 'graph' | 'powerPlatform' | 'powerApps' | 'dataverse' | 'now' | 'log' | 'config'>;

/** DEFAULT_APP: `Expense Tracker`, or `Expense Tracker in UAT`. */
export function defaultAppOf(setting: string | null | undefined): { app: string; environment: string | null } | null {
  if (!setting?.trim()) return null;
  const match = /^(.+?) in (.+)$/i.exec(setting.trim());
  return match?.[1] && match[2] ? { app: match[1], environment: match[2] } : { app: setting.trim(), environment: null };
}

/**
 * The one use case behind "why can't Jane open Expense Tracker": who (as every diagnosis), which app
 * (names the bot knows, src/features/apps/app-catalogue.ts), then per environment one wave of the
 * environment's reads and the app's (its sharing or roles), judged by evaluateAppAccess.
 */
export async function diagnoseApp(deps: AppDeps, asked: AppRequest): Promise<AppOutcome> {
  const fallback = asked.app === null ? defaultAppOf(deps.config.defaultApp) : null;
  if (asked.app === null && !fallback) {
    if (deps.config.defaultEnvironment) return { kind: 'environment', request: { user: asked.user, environment: asked.environment, everywhere: asked.everywhere } };
    return { kind: 'ask-app', request: asked };
  }
  const request: AppRequest = fallback ? { ...asked, app: fallback.app, environment: asked.environment ?? fallback.environment } : asked;
  const started = deps.now();
  const [resolution, environments] = await Promise.all([resolveSubject(request.user, deps.graph), tenantCache(deps).environments()]);
  if (resolution.kind === 'ambiguous') return { kind: 'choose-user', request, candidates: resolution.candidates, more: resolution.more };
  if (resolution.kind === 'not-found') return { kind: 'user-not-found', request, suggestions: resolution.suggestions, unsearched: resolution.unsearched };
  const subject = resolution.value;
  const found = await findApp(deps, { app: request.app ?? '', environment: request.environment, mayBeEnvironment: request.mayBeEnvironment }, environments);
  switch (found.kind) {
    case 'is-environment':
      return { kind: 'environment', request: { user: subjectKey(subject), environment: found.environment.id, everywhere: false } };
    case 'choose-app':
      return { kind: 'choose-app', request, candidates: found.candidates, more: found.more };
    case 'app-or-environment':
      return { kind: 'app-or-environment', request, app: found.app, environments: found.environments };
    case 'app-not-found':
      return { kind: 'app-not-found', request, query: found.query, suggestions: found.suggestions, unread: found.unread };
    case 'environment-not-found':
      return { kind: 'environment-not-found', request, query: found.query, suggestions: found.suggestions };
    case 'found':
      break;
  }
  const { apps } = found.app;
  if (!request.everywhere && apps.length > 1) return { kind: 'choose-app-environment', request, app: found.app };
  if (subject.kind !== 'person') {
    // An application or a deleted account opens no app: its own diagnosis in the app's environment says why.
    return { kind: 'environment', request: { user: subjectKey(subject), environment: apps[0]?.environment.id ?? null, everywhere: false } };
  }
  const diagnose = appDiagnoser(deps, subject.user, found.lists, started);
  if (!request.everywhere) return { kind: 'diagnosis', diagnosis: await diagnose(apps[0] as KnownApp) };
  return { kind: 'everywhere', app: found.app, person: subject.user, rows: await mapBounded(apps, APP_EVERYWHERE_CONCURRENCY, diagnose) };
}

/** Judges one person against apps: the person's tenant-wide facts are read once and reused for each. */
export function appDiagnoser(deps: AppDeps, user: DirectoryUser, lists: readonly EnvironmentApps[], started: number): (app: KnownApp) => Promise<AppDiagnosis> {
  const userFacts = gatherUserFacts(deps, user);
  return async (app) => {
    const list = lists.find((l) => l.environment.id.toLowerCase() === app.environment.id.toLowerCase());
    if (!list) throw new Error(`no app list for ${app.environment.id}`);
    const [facts, data, appFacts] = await Promise.all([userFacts, loadEnvironmentData(deps, user.id, app.environment), readAppFacts(deps, app, list, started)]);
    return evaluateAppAccess({ access: combineFacts(facts, data), app: appFacts, tenantId: deps.config.tenantId });
  };
}
