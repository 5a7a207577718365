import type { SimContext, SimRequest, SimResponse, SurfaceHandler } from '../types';
import { addAppUser } from './add-app-user';
import { addUser } from './add-user';
import { bapError } from './bap-errors';
import { getEnvironment, listEnvironments } from './environments';

const ADMIN_ENVIRONMENTS = /^\/providers\/Microsoft\.BusinessAppPlatform\/scopes\/admin\/environments(?:\/([^/]+)(?:\/(addUser|addAppUser))?)?\/?$/i;

/**
 * The Power Platform admin (BAP) surface: paths arrive below `/bap`, already authenticated for the
 * audience `https://service.powerapps.com/`.
 */
export const handleBap: SurfaceHandler = (req: SimRequest, ctx: SimContext): SimResponse => {
  const match = ADMIN_ENVIRONMENTS.exec(req.path);
  if (!match) return bapError(404, 'ResourceNotFound', `The requested resource '${req.path}' does not exist.`);
  const app = ctx.state.fixture.apps.find((candidate) => candidate.clientId.toLowerCase() === req.token.appId.toLowerCase());
  if (!app?.managementApp) {
    return bapError(
      403,
      'Forbidden',
      `The service principal with id '${req.token.appId}' does not have permission to access the path '${req.path}' in tenant '${req.token.tenantId}'.`,
    );
  }
  const apiVersion = req.query.get('api-version');
  if (!apiVersion) return bapError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  // §1.2/§2.1 list the versions seen in use; BAP's answer to any other is UNVERIFIED: ARM's 400 wording
  if (!ctx.config.bapApiVersions.includes(apiVersion)) {
    return bapError(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are '${ctx.config.bapApiVersions.join(',')}'.`);
  }
  const [, rawName, action] = match;
  const name = rawName === undefined ? undefined : safeDecode(rawName);
  if (action) {
    if (req.method !== 'POST') return methodNotAllowed(req);
    return action.toLowerCase() === 'addappuser' ? addAppUser(name ?? '', req, ctx) : addUser(name ?? '', req, ctx);
  }
  if (req.method !== 'GET') return methodNotAllowed(req);
  return name === undefined ? listEnvironments(req, ctx) : getEnvironment(name, req, ctx);
};

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function methodNotAllowed(req: SimRequest): SimResponse {
  return bapError(405, 'MethodNotAllowed', `The requested resource does not support http method '${req.method}'.`);
}
