import { mapBounded } from '../../map-bounded';
import type { Deps } from '../../app/deps';
import { evaluateAccess } from '../../domain/access/evaluate';
import type { AccessFacts } from '../../domain/access/facts';
import type { Diagnosis } from '../../domain/access/diagnosis';
import { resolveEnvironment, resolveUser } from '../../domain/resolve';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { combineFacts, gatherFacts, gatherUserFacts, loadEnvironmentData } from './gather-facts';
import type { DiagnoseRequest } from './parse-diagnose';
import { tenantCache } from '../../gateways/tenant-cache';

/** How many environments are checked at the same time for "where can Jane get in". */
export const EVERYWHERE_CONCURRENCY = 4;

export type DiagnoseOutcome =
  | { kind: 'diagnosis'; diagnosis: Diagnosis; facts: AccessFacts }
  | { kind: 'everywhere'; user: DirectoryUser; rows: { environment: Environment; diagnosis: Diagnosis }[] }
  | { kind: 'choose-user'; request: DiagnoseRequest; candidates: DirectoryUser[]; more: boolean }
  | { kind: 'user-not-found'; request: DiagnoseRequest; suggestions: DirectoryUser[] }
  | { kind: 'choose-environment'; request: DiagnoseRequest; user: DirectoryUser; candidates: Environment[]; more: boolean; reason: 'ambiguous' | 'no-default' }
  | { kind: 'environment-not-found'; request: DiagnoseRequest; query: string; suggestions: Environment[] };

type DiagnoseDeps = Pick<Deps, 'graph' | 'powerPlatform' | 'dataverse' | 'now' | 'log' | 'config'>;

/**
 * The one use case behind the chat command, the card buttons and the CLI: resolve the person and the
 * environment (one wave), then gather and judge (a second wave).
 */
export async function runDiagnosis(deps: DiagnoseDeps, request: DiagnoseRequest): Promise<DiagnoseOutcome> {
  const envQuery = request.everywhere ? null : (request.environment ?? deps.config.defaultEnvironment);
  const [userResolution, environments] = await Promise.all([resolveUser(request.user, deps.graph), tenantCache(deps).environments()]);
  if (userResolution.kind === 'ambiguous') return { kind: 'choose-user', request, candidates: userResolution.candidates, more: userResolution.more };
  if (userResolution.kind === 'not-found') return { kind: 'user-not-found', request, suggestions: userResolution.suggestions };
  const user = userResolution.value;
  if (request.everywhere) return diagnoseEverywhere(deps, user, environments);
  if (envQuery === null) {
    return { kind: 'choose-environment', request, user, candidates: environments, more: false, reason: 'no-default' };
  }
  const envResolution = resolveEnvironment(envQuery, environments);
  if (envResolution.kind === 'ambiguous') {
    return { kind: 'choose-environment', request, user, candidates: envResolution.candidates, more: envResolution.more, reason: 'ambiguous' };
  }
  if (envResolution.kind === 'not-found') {
    return { kind: 'environment-not-found', request, query: envQuery, suggestions: envResolution.suggestions };
  }
  const facts = await gatherFacts(deps, user, envResolution.value);
  return { kind: 'diagnosis', diagnosis: evaluateAccess(facts), facts };
}

async function diagnoseEverywhere(deps: DiagnoseDeps, user: DirectoryUser, environments: Environment[]): Promise<DiagnoseOutcome> {
  const userFacts = gatherUserFacts(deps, user);
  const rows = await mapBounded(environments, EVERYWHERE_CONCURRENCY, async (environment) => {
    const [facts, data] = await Promise.all([userFacts, loadEnvironmentData(deps, user.id, environment)]);
    return { environment, diagnosis: evaluateAccess(combineFacts(facts, data)) };
  });
  return { kind: 'everywhere', user, rows };
}
