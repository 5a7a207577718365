import type { SimCanvasApp, SimEnvironment } from '../model';
import type { SimContext, SimRequest, SimResponse, SurfaceHandler } from '../types';
import { POWER_APPS_API_VERSIONS } from './api-versions';
import { appView, assignmentIdOf, assignmentsOf, assignmentView } from './app-view';
import { powerAppsError } from './errors';
import { modifyPermissions } from './modify-permissions';
import { page } from './paging';

const ROUTE = /^\/providers\/Microsoft\.PowerApps\/scopes\/admin\/environments\/([^/]+)\/apps(?:\/([^/]+)(?:\/(permissions|modifyPermissions))?)?\/?$/i;
/** The one `$expand` the admin app list takes (§15; third-party probe: "the sole expansion"). */
const EXPAND = /^permissions\(\$filter=maxAssignedTo\('([0-9a-f-]{36})'\)\)$/i;

/**
 * The Power Apps admin API (canvas apps, §15): paths arrive below `/powerapps`, authenticated for BAP's
 * audience `https://service.powerapps.com/`. Like BAP it answers only a registered management application.
 */
export const handlePowerApps: SurfaceHandler = (req: SimRequest, ctx: SimContext): SimResponse => {
  const match = ROUTE.exec(req.path);
  if (!match) return powerAppsError(404, 'ResourceNotFound', `The requested resource '${req.path}' does not exist.`);
  const caller = ctx.state.fixture.apps.find((candidate) => candidate.clientId.toLowerCase() === req.token.appId.toLowerCase());
  if (!caller?.managementApp) {
    return powerAppsError(403, 'Forbidden', `The service principal with id '${req.token.appId}' does not have permission to access the path '${req.path}' in tenant '${req.token.tenantId}'.`);
  }
  const apiVersion = req.query.get('api-version');
  if (!apiVersion) return powerAppsError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  if (!(POWER_APPS_API_VERSIONS as readonly string[]).includes(apiVersion)) {
    return powerAppsError(400, 'InvalidApiVersion', `The api-version '${apiVersion}' is invalid. The supported versions are '${POWER_APPS_API_VERSIONS.join(',')}'.`);
  }
  const [, envName = '', appName, action] = match;
  const env = ctx.state.environmentsById.get(decode(envName).toLowerCase());
  if (!env) return powerAppsError(404, 'EnvironmentNotFound', `The environment '${decode(envName)}' could not be found in the tenant '${ctx.state.fixture.tenant.id}'.`);
  const apps = env.canvasApps ?? [];
  if (appName === undefined) {
    if (req.method !== 'GET') return methodNotAllowed(req);
    return listApps(env, apps, req, ctx);
  }
  const app = apps.find((candidate) => candidate.id.toLowerCase() === decode(appName).toLowerCase());
  if (!app) return powerAppsError(404, 'ApplicationNotFound', `The app '${decode(appName)}' could not be found in the environment '${env.id}'.`);
  const assignmentId = (principalId: string) => assignmentIdOf(app, principalId);
  if (action?.toLowerCase() === 'modifypermissions') return req.method === 'POST' ? modifyPermissions(app, req, ctx, assignmentId) : methodNotAllowed(req);
  if (req.method !== 'GET') return methodNotAllowed(req);
  if (action?.toLowerCase() === 'permissions') return page(assignmentsOf(app), req, ctx, (assignment) => assignmentView(env, app, assignment, ctx));
  return { status: 200, body: appView(env, app, ctx, null) };
};

function listApps(env: SimEnvironment, apps: SimCanvasApp[], req: SimRequest, ctx: SimContext): SimResponse {
  const expand = req.query.get('$expand');
  const principal = expand === null ? null : (EXPAND.exec(expand.trim())?.[1] ?? undefined);
  if (principal === undefined) {
    return powerAppsError(400, 'InvalidExpandQueryParameter', `The $expand '${expand}' is not supported; only permissions($filter=maxAssignedTo('<object id>')) is.`);
  }
  return page(apps, req, ctx, (app) => appView(env, app, ctx, principal));
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function methodNotAllowed(req: SimRequest): SimResponse {
  return powerAppsError(405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
}
