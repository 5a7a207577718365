import { GUID_PATTERN, stableGuid } from '../ids';
import { sameId } from '../eligibility';
import type { SimContext, SimRequest, SimResponse } from '../types';
import { bapError, environmentNotFound } from './bap-errors';
import { resolveEnvironment } from './environments';

/**
 * `POST …/environments/{name}/addAppUser` body `{ servicePrincipalAppId }` (Terraform, §1.8): creates
 * (or re-enables) the application user of an app registered in the tenant, after the provisioning
 * delay. This is how the "not a member of the organization" 403 is fixed.
 */
export function addAppUser(name: string, req: SimRequest, ctx: SimContext): SimResponse {
  const appId = readAppId(req.body);
  if (!appId) {
    return bapError(400, 'InvalidRequestContent', "The request content was invalid: the body must be a JSON object with 'servicePrincipalAppId', the application (client) id of the app.");
  }
  const env = resolveEnvironment(name, ctx);
  if (!env) return environmentNotFound(name, ctx.state.fixture.tenant.id);
  const dataverse = env.dataverse;
  if (!dataverse) return bapError(ctx.config.unverified.noDataverseStatus, 'InstanceNotFound', `The environment '${env.id}' has no Dataverse database.`);
  const app = ctx.state.fixture.apps.find((candidate) => sameId(candidate.clientId, appId));
  if (!app) return bapError(404, 'ServicePrincipalNotFound', `No service principal with application id '${appId}' was found in tenant '${ctx.state.fixture.tenant.id}'.`);
  ctx.schedule(ctx.config.provisioningDelayMs, () => {
    const existing = dataverse.systemUsers.find((row) => row.applicationId && sameId(row.applicationId, app.clientId));
    if (existing) {
      existing.isDisabled = false;
      existing.disabledReason = null;
      return;
    }
    const root = dataverse.businessUnits.find((bu) => bu.parentId === null) ?? dataverse.businessUnits[0];
    const upn = `${app.clientId}@${ctx.state.fixture.tenant.defaultDomain}`;
    dataverse.systemUsers.push({
      systemUserId: stableGuid(`application-user:${dataverse.org}:${app.clientId.toLowerCase()}`),
      azureObjectId: stableGuid(`service-principal:${app.clientId.toLowerCase()}`),
      domainName: upn,
      fullName: `# ${app.displayName}`,
      internalEmailAddress: upn,
      isDisabled: false,
      disabledReason: null,
      accessMode: 4,
      isLicensed: false,
      applicationId: app.clientId,
      azureState: 0,
      businessUnitId: root?.id ?? '',
      roleIds: [],
    });
  });
  return { status: 200 };
}

function readAppId(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const value = (body as Record<string, unknown>).servicePrincipalAppId;
  return typeof value === 'string' && GUID_PATTERN.test(value) ? value : null;
}
