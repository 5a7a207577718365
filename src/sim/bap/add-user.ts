import { GUID_PATTERN } from '../ids';
import { evaluateAddUser, gatherAddUserFacts, type EligibilityOptions } from '../eligibility';
import type { SimContext, SimRequest, SimResponse } from '../types';
import { bapError, environmentNotFound, syncResultDocument, wrappedBapError } from './bap-errors';
import { resolveEnvironment } from './environments';
import { provisionUser } from './provision-user';
import { systemUserByObjectId } from '../dataverse/system-user-index';

/** Outer `error.code` of a failed sync: Microsoft's value is UNVERIFIED (§1.3). */
export const ADD_USER_FAILURE_CODE = 'BadRequest';

/**
 * `POST …/environments/{name}/addUser` body `{ ObjectId }` (PowerShell) or `{ objectId }` (Terraform).
 * Answers at once; the systemuser row appears after `provisioningDelayMs` (eventual consistency, §1.2).
 */
export function addUser(name: string, req: SimRequest, ctx: SimContext): SimResponse {
  const objectId = readObjectId(req.body);
  if (!objectId) {
    return bapError(400, 'InvalidRequestContent', "The request content was invalid: the body must be a JSON object with 'ObjectId', the Microsoft Entra object id (a GUID) of the user to add.");
  }
  const env = resolveEnvironment(name, ctx);
  if (!env) return environmentNotFound(name, ctx.state.fixture.tenant.id);
  const decision = evaluateAddUser(gatherAddUserFacts(ctx.state, env, objectId, ctx.origin), objectId, eligibilityOptions(ctx));
  if (!decision.ok) {
    const inner = JSON.stringify(syncResultDocument({ errorCode: decision.code, description: decision.description }, decision.steps, null));
    const status = decision.code === 'instanceNotFound' ? ctx.config.unverified.noDataverseStatus : 400;
    return wrappedBapError(status, ADD_USER_FAILURE_CODE, inner);
  }
  const dataverse = env.dataverse;
  const user = ctx.state.usersById.get(objectId.toLowerCase());
  if (!dataverse || !user) throw new Error('addUser passed the checks without a Dataverse database or a user');
  const existing = systemUserByObjectId(dataverse.systemUsers, user.id);
  const steps = existing ? [...decision.steps, `SystemUser with Id:${existing.systemUserId}, objectId:${user.id} exists in instance`] : decision.steps;
  const grant = { accessMode: decision.accessMode, isLicensed: decision.isLicensed };
  ctx.schedule(ctx.config.provisioningDelayMs, () => {
    provisionUser(ctx.state, dataverse, user, grant, { nestedGroupsCount: ctx.config.unverified.groupTeamNestedMembershipCounts ?? false });
  });
  if (ctx.config.unverified.addUserSuccessBody === 'empty') return { status: 200 };
  return { status: 200, body: syncResultDocument(null, steps, existing ? 'UserExists' : 'UserAdded') };
}

export function eligibilityOptions(ctx: SimContext): EligibilityOptions {
  const unverified = ctx.config.unverified;
  return {
    nestedGroupMembershipCounts: unverified.nestedGroupMembershipCounts,
    trialPlansCountInProduction: unverified.trialPlansCountInProduction,
    adminModeBlocksAddUser: unverified.adminModeBlocksAddUser ?? false,
    developerCreatorOnly: unverified.developerCreatorOnly ?? true,
  };
}

/** Accepts exactly one property, `ObjectId` or `objectId`, holding a GUID. */
function readObjectId(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const entries = Object.entries(body);
  if (entries.length !== 1) return null;
  const [key, value] = entries[0] as [string, unknown];
  if (key !== 'ObjectId' && key !== 'objectId') return null;
  return typeof value === 'string' && GUID_PATTERN.test(value) ? value : null;
}
