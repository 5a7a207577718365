import type { Deps } from '../../app/deps';
import { tenantCache } from '../../gateways/tenant-cache';
import { isExactEnvironment } from './find-app';
import { presentWhoOutcome, type Reply } from './present-apps';
import { whoCanOpen } from './who-can-open';

/**
 * "who has access to Field Inspection": a name given for an environment that is no environment's exact name,
 * id or URL but an app's is the app's audience ("who can open"), as the apps feature answers it; a name that
 * only starts both is a choice card. Null: it is the environment's question. An exact environment name
 * reads no app list; any other reads the app names (kept 5 minutes, src/features/apps/app-catalogue.ts).
 */
export async function appAudienceInstead(deps: Deps, name: string): Promise<Reply | null> {
  const environments = await tenantCache(deps).environments();
  if (/^https?:\/\//i.test(name.trim()) || environments.some((env) => isExactEnvironment(name, env))) return null;
  const outcome = await whoCanOpen(deps, { app: name, environment: null });
  if (outcome.kind === 'is-environment' || outcome.kind === 'app-not-found' || outcome.kind === 'environment-not-found') return null;
  return presentWhoOutcome(outcome);
}
