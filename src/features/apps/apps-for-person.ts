import type { Deps } from '../../app/deps';
import type { AppDiagnosis } from '../../domain/access/app-diagnosis';
import type { AppFacts } from '../../domain/access/app-facts';
import { evaluateAppAccess } from '../../domain/access/evaluate-app';
import type { Subject } from '../../domain/access/subject';
import { resolveEnvironment, resolveSubject } from '../../domain/resolve';
import { tenantCache } from '../../gateways/tenant-cache';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { combineFacts, gatherUserFacts, loadEnvironmentData } from '../diagnose/gather-facts';
import { readEnvironmentApps } from './app-catalogue';
import type { WhichAppsRequest } from './parse-apps';

export type WhichAppsOutcome =
  | { kind: 'apps'; person: DirectoryUser; environment: Environment; rows: AppDiagnosis[]; unread: string[] }
  | { kind: 'choose-environment'; request: WhichAppsRequest; candidates: Environment[]; reason: 'ambiguous' | 'no-default' }
  | { kind: 'environment-not-found'; request: WhichAppsRequest; query: string; suggestions: Environment[] }
  | { kind: 'choose-user'; request: WhichAppsRequest; candidates: Subject[]; more: boolean }
  | { kind: 'user-not-found'; request: WhichAppsRequest; suggestions: DirectoryUser[]; unsearched: string[] }
  | { kind: 'not-a-person'; request: WhichAppsRequest; subject: Subject };

type WhichDeps = Pick<Deps, 'graph' | 'powerPlatform' | 'powerApps' | 'dataverse' | 'now' | 'log' | 'config'>;

/**
 * "Which apps can Jane open in UAT": the environment's checks once, then every app of the environment
 * from its lists (never one request per app): canvas apps with Jane's highest role expanded
 * (`maxAssignedTo`, §15; 1 Power Apps request per 250 apps), model-driven apps with their roles (1
 * Dataverse request per 5,000), read in the same wave as the environment's reads.
 */
export async function appsForPerson(deps: WhichDeps, request: WhichAppsRequest): Promise<WhichAppsOutcome> {
  const [resolution, environments] = await Promise.all([resolveSubject(request.user, deps.graph), tenantCache(deps).environments()]);
  if (resolution.kind === 'ambiguous') return { kind: 'choose-user', request, candidates: resolution.candidates, more: resolution.more };
  if (resolution.kind === 'not-found') return { kind: 'user-not-found', request, suggestions: resolution.suggestions, unsearched: resolution.unsearched };
  const subject = resolution.value;
  if (subject.kind !== 'person') return { kind: 'not-a-person', request, subject };
  const query = request.environment ?? deps.config.defaultEnvironment;
  if (query === null) return { kind: 'choose-environment', request, candidates: environments, reason: 'no-default' };
  const found = resolveEnvironment(query, environments);
  if (found.kind === 'ambiguous') return { kind: 'choose-environment', request, candidates: found.candidates, reason: 'ambiguous' };
  if (found.kind === 'not-found') return { kind: 'environment-not-found', request, query, suggestions: found.suggestions };
  const environment = found.value;
  const user = subject.user;
  const [facts, data, lists] = await Promise.all([
    gatherUserFacts(deps, user),
    loadEnvironmentData(deps, user.id, environment),
    readEnvironmentApps(deps, environment, { effectiveFor: user.id }),
  ]);
  const access = combineFacts(facts, data);
  const judge = (app: AppFacts) => evaluateAppAccess({ access, app, tenantId: deps.config.tenantId });
  const rows = [
    ...lists.modelDriven.map((app) => judge({ kind: 'model-driven', app })),
    ...lists.canvas.map((app) => judge({ kind: 'canvas', app, permissions: null })),
  ];
  return { kind: 'apps', person: user, environment, rows, unread: lists.unread };
}
