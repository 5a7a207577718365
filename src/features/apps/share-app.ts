import type { Deps } from '../../app/deps';
import { AppError } from '../../errors';
import { tenantCache } from '../../gateways/tenant-cache';
import type { CanvasApp, DirectoryUser, Environment } from '../../gateways/types';
import { recordChange, type ChangeRecord } from '../roles/shared/record-change';
import { appCatalogue } from './app-catalogue';
import { appDiagnoser } from './diagnose-app';
import type { AppDiagnosis } from '../../domain/access/app-diagnosis';

/** Who, what and where, looked up again from the ids a button carries (nothing on a card is trusted). */
export interface ShareTarget {
  user: DirectoryUser;
  environment: Environment;
  app: CanvasApp;
}

export async function loadShareTarget(deps: Deps, ids: { userId: string; environmentId: string; appId: string }): Promise<ShareTarget> {
  const [user, environments] = await Promise.all([deps.graph.getUser(ids.userId), tenantCache(deps).environments()]);
  const environment = environments.find((e) => e.id.toLowerCase() === ids.environmentId.toLowerCase());
  if (!user) throw new AppError('input.not_found', 'That person no longer exists in Entra ID.');
  if (!environment) throw new AppError('input.not_found', 'That environment no longer exists.');
  const list = await appCatalogue(deps).canvas(environment, { fresh: true });
  const app = list.canvas.find((a) => a.appId.toLowerCase() === ids.appId.toLowerCase());
  if (!app) throw new AppError('input.not_found', `That canvas app no longer exists in ${environment.displayName}.`);
  return { user, environment, app };
}

export interface ShareResult {
  ok: boolean;
  text: string;
  /** The app's diagnosis after the change, read fresh. */
  diagnosis: AppDiagnosis | null;
}

/**
 * Shares a canvas app with one person as CanView (§15 modifyPermissions, no e-mail), writes the change to
 * the audit trail with names, and diagnoses the app again from fresh reads.
 */
export async function shareAppWith(deps: Deps, target: ShareTarget, context: Pick<ChangeRecord, 'actor' | 'conversation'>): Promise<ShareResult> {
  const { user, environment, app } = target;
  const summary = `Shared the canvas app ${app.displayName} with ${user.displayName} (${user.userPrincipalName}) as can view`;
  try {
    await deps.powerApps.shareApp(environment.id, app.appId, { id: user.id, type: 'User', email: user.mail ?? user.userPrincipalName }, 'CanView');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await recordChange(deps, { ...context, what: 'apps.share', summary, environment: environment.displayName, result: 'failed', code: error.code });
    return { ok: false, text: `I could not share ${app.displayName} with ${user.displayName}: ${error.userMessage}`, diagnosis: null };
  }
  await recordChange(deps, { ...context, what: 'apps.share', summary, environment: environment.displayName, result: 'ok' });
  const list = await appCatalogue(deps).canvas(environment, { fresh: true });
  const diagnosis = await appDiagnoser(deps, user, [list], list.readAt)({ kind: 'canvas', id: app.appId, name: app.displayName, environment });
  return { ok: true, text: `Shared ${app.displayName} with ${user.displayName} (can view). Power Apps did not e-mail them.`, diagnosis };
}
