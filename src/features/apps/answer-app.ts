import type { Deps } from '../../app/deps';
import { presentOutcome } from '../diagnose/present-outcome';
import { runDiagnosis } from '../diagnose/run-diagnosis';
import { diagnoseApp } from './diagnose-app';
import type { AppRequest } from './parse-apps';
import { presentAppOutcome, type Reply } from './present-apps';

/**
 * An app question answered: the app's diagnosis, a choice, or (when the name was an environment's, or
 * "the app" means the default environment) the environment's own diagnosis, exactly as that command
 * answers it. `ask`: "the app" with nothing configured; the caller asks which app.
 */
export async function answerAppQuestion(deps: Deps, request: AppRequest): Promise<Reply | { ask: AppRequest }> {
  const reply = presentAppOutcome(await diagnoseApp(deps, request));
  if ('environment' in reply) return presentOutcome(await runDiagnosis(deps, reply.environment));
  return reply;
}
