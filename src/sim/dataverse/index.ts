import type { SimEnvironment } from '../model';
import { instanceUrlOf } from '../eligibility';
import type { SimContext, SimRequest, SimResponse, SurfaceHandler } from '../types';
import { handleBatch } from './batch';
import { dataverseError } from './dataverse-errors';
import { organizationIdOf } from './organization-id';
import { serve, type DataverseSession } from './serve';

const WEB_API = /^\/api\/data\/(v9\.[0-2])\/(.*)$/;

/**
 * One environment's Dataverse Web API: reads of systemusers, teams, roles, businessunits and the
 * organization row, the writes of §9–§11 (role `$ref`s, team creation, business-unit change), `$batch`
 * and WhoAmI. The caller must exist in the org as an enabled application user, else 403 0x80072560
 * (§3.1); every other request needs the privilege its roles grant (src/sim/dataverse/privileges.ts).
 */
export const handleDataverse: SurfaceHandler = (req: SimRequest, ctx: SimContext): SimResponse => {
  const env = req.org ? ctx.state.environmentsByOrg.get(req.org.toLowerCase()) : undefined;
  const dataverse = env?.dataverse;
  if (!env || !dataverse) return dataverseError(404, '0x80040217', `The organization '${req.org ?? ''}' does not exist.`);
  const caller = dataverse.systemUsers.find((row) => row.applicationId?.toLowerCase() === req.token.appId.toLowerCase() && !row.isDisabled);
  if (!caller) return dataverseError(403, '0x80072560', 'The user is not a member of the organization.');
  const api = WEB_API.exec(req.path);
  if (!api) return dataverseError(404, '0x8006088a', `Resource not found for the segment '${req.path.split('/').filter(Boolean)[0] ?? ''}'.`);
  const session: DataverseSession = { env, dataverse, state: ctx.state, config: ctx.config, caller, base: `${instanceUrlOf(ctx.origin, dataverse.org)}api/data/${api[1]}/` };
  const resourcePath = api[2] ?? '';
  // §3.1: an application user without a security role can still call WhoAmI.
  if (resourcePath === 'WhoAmI' && req.method === 'GET') return whoAmI(env, session);
  const request = { method: req.method, resourcePath, query: req.query, headers: req.headers, body: req.body };
  if (resourcePath === '$batch') {
    if (req.method !== 'POST') return dataverseError(405, '0x80060888', `The HTTP method '${req.method}' is not supported for $batch.`);
    return handleBatch(req.rawBody, req.headers, session, (part) => serve(part, session));
  }
  return serve(request, session);
};

function whoAmI(env: SimEnvironment, session: DataverseSession): SimResponse {
  return {
    status: 200,
    headers: { 'odata-version': '4.0' },
    body: {
      '@odata.context': `${session.base}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId: session.caller.businessUnitId,
      UserId: session.caller.systemUserId,
      OrganizationId: organizationIdOf(env.id),
    },
  };
}
