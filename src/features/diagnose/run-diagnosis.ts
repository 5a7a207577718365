import { mapBounded } from '../../map-bounded';
import type { Deps } from '../../app/deps';
import type { Diagnosis } from '../../domain/access/diagnosis';
import type { Subject } from '../../domain/access/subject';
import { resolveEnvironment, resolveSubject } from '../../domain/resolve';
import type { DirectoryUser, Environment } from '../../gateways/types';
import { diagnoserFor } from './diagnose-subject';
import type { DiagnoseRequest } from './parse-diagnose';
import { tenantCache } from '../../gateways/tenant-cache';

/**
 * How many environments are checked at the same time for "where can Jane get in". Each sends at most 2 Dataverse
 * reads at once (its user row, then maybe the roles of their teams, beside its group teams), so at most 32 are in
 * flight: under the 52 concurrent requests Dataverse allows per user (§3.6) even counted across environments, as
 * the simulator counts them, and leaving room for a sync running at the same time. 300 environments at 100 ms a
 * request take about 200 / 16 × 100 ms ≈ 1.3 s for the 200 with Dataverse (the others need no request).
 */
export const EVERYWHERE_CONCURRENCY = 16;

export type DiagnoseOutcome =
  | { kind: 'diagnosis'; diagnosis: Diagnosis }
  | { kind: 'everywhere'; subject: Subject; rows: { environment: Environment; diagnosis: Diagnosis }[] }
  | { kind: 'choose-user'; request: DiagnoseRequest; candidates: Subject[]; more: boolean }
  /** `unsearched`: places the bot could not look in (e.g. applications, without Application.Read.All). */
  | { kind: 'user-not-found'; request: DiagnoseRequest; suggestions: DirectoryUser[]; unsearched: string[] }
  | { kind: 'choose-environment'; request: DiagnoseRequest; subject: Subject; candidates: Environment[]; more: boolean; reason: 'ambiguous' | 'no-default' }
  | { kind: 'environment-not-found'; request: DiagnoseRequest; query: string; suggestions: Environment[] };

type DiagnoseDeps = Pick<Deps, 'graph' | 'powerPlatform' | 'dataverse' | 'now' | 'log' | 'config'>;

/**
 * The one use case behind the chat command, the card buttons and the CLI: resolve who (a person, an
 * application or a deleted account) and the environment (one wave), then gather and judge (a second wave).
 */
export async function runDiagnosis(deps: DiagnoseDeps, request: DiagnoseRequest): Promise<DiagnoseOutcome> {
  const envQuery = request.everywhere ? null : (request.environment ?? deps.config.defaultEnvironment);
  const [resolution, environments] = await Promise.all([resolveSubject(request.user, deps.graph), tenantCache(deps).environments()]);
  if (resolution.kind === 'ambiguous') return { kind: 'choose-user', request, candidates: resolution.candidates, more: resolution.more };
  if (resolution.kind === 'not-found') return { kind: 'user-not-found', request, suggestions: resolution.suggestions, unsearched: resolution.unsearched };
  const subject = resolution.value;
  if (request.everywhere) return diagnoseEverywhere(deps, subject, environments);
  if (envQuery === null) {
    return { kind: 'choose-environment', request, subject, candidates: environments, more: false, reason: 'no-default' };
  }
  const envResolution = resolveEnvironment(envQuery, environments);
  if (envResolution.kind === 'ambiguous') {
    return { kind: 'choose-environment', request, subject, candidates: envResolution.candidates, more: envResolution.more, reason: 'ambiguous' };
  }
  if (envResolution.kind === 'not-found') {
    return { kind: 'environment-not-found', request, query: envQuery, suggestions: envResolution.suggestions };
  }
  return { kind: 'diagnosis', diagnosis: await diagnoserFor(deps, subject)(envResolution.value) };
}

async function diagnoseEverywhere(deps: DiagnoseDeps, subject: Subject, environments: Environment[]): Promise<DiagnoseOutcome> {
  const diagnose = diagnoserFor(deps, subject, { manyEnvironments: true });
  const rows = await mapBounded(environments, EVERYWHERE_CONCURRENCY, async (environment) => ({ environment, diagnosis: await diagnose(environment) }));
  return { kind: 'everywhere', subject, rows };
}
