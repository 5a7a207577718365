import type { Deps } from '../../app/deps';
import type { AppFacts } from '../../domain/access/app-facts';
import type { KnownApp } from '../../domain/resolve/resolve-app';
import type { EnvironmentApps } from './app-catalogue';

type ReadDeps = Pick<Deps, 'powerApps' | 'dataverse'>;

/**
 * What may have changed since the names were read, read again: a canvas app's role assignments (1 Power
 * Apps request per 250), a model-driven app's roles (1 Dataverse request, skipped when its list was read
 * during this question). The app's own properties come from the list it was found in.
 */
export async function readAppFacts(deps: ReadDeps, app: KnownApp, list: EnvironmentApps, questionStarted: number): Promise<AppFacts> {
  if (app.kind === 'canvas') {
    const canvas = list.canvas.find((c) => c.appId === app.id);
    if (!canvas) throw new Error(`canvas app ${app.id} is not in its list`);
    return { kind: 'canvas', app: canvas, permissions: await deps.powerApps.listAppPermissions(app.environment.id, app.id) };
  }
  const listed = list.modelDriven.find((m) => m.appModuleId === app.id);
  if (!listed) throw new Error(`model-driven app ${app.id} is not in its list`);
  const instanceUrl = app.environment.dataverse?.instanceUrl;
  if (list.readAt >= questionStarted || !instanceUrl) return { kind: 'model-driven', app: listed };
  return { kind: 'model-driven', app: (await deps.dataverse.getAppModule(instanceUrl, app.id)) ?? listed };
}
