import { assessAccess } from '../../domain/access/evaluate';
import type { Deps } from '../../app/deps';
import { AppError } from '../../errors';
import type { DirectoryUser, SystemUser } from '../../gateways/types';
import type { NewMember } from '../../jobs/job-types';
import { memberFacts, type TenantFacts } from './tenant-facts';

/** Predicted reason of members blocked by the security group and, once in it, by their licence too. */
export const GROUP_AND_LICENCE = 'security-group+license';

/**
 * A member row with the prediction of the same rules as the diagnosis. A member missing only from the
 * security group keeps the reason `security-group` (adding them makes them ready); one who would then
 * still lack a licence gets GROUP_AND_LICENCE, so "Add to the group" is offered only where it is enough.
 */
export function predictMember(user: DirectoryUser, tenant: TenantFacts, systemUser: SystemUser | null | 'unknown'): NewMember {
  // The first check addUser itself would refuse on, in addUser's own order (role and Dataverse-row checks never stop a sync).
  const facts = memberFacts(user, tenant, systemUser);
  const blocking = assessAccess(facts).addUserBlocker;
  let reason: string | undefined = blocking?.id;
  if (reason === 'security-group' && facts.securityGroup) {
    const inGroup = { ...facts, securityGroup: { ...facts.securityGroup, directMember: true, transitiveMember: true } };
    if (assessAccess(inGroup).addUserBlocker?.id === 'license') reason = GROUP_AND_LICENCE;
  }
  return {
    objectId: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    prediction: blocking ? 'blocked' : 'ready',
    predictionReason: reason,
    predictionDetail: blocking?.detail,
  };
}

/**
 * Existing Dataverse rows of a page of users, in batched queries (non-interactive users need no
 * licence). Rows the bot may not read (dataverse.* errors) become 'unknown' with a warning; anything
 * else (Dataverse busy, a bug) fails the preview rather than hiding in the predictions.
 */
export async function existingRows(
  deps: Pick<Deps, 'dataverse' | 'log'>, instanceUrl: string | null, users: readonly DirectoryUser[],
): Promise<(id: string) => SystemUser | null | 'unknown'> {
  if (!instanceUrl || users.length === 0) return () => 'unknown';
  try {
    const rows = await deps.dataverse.findSystemUsers(instanceUrl, users.map((u) => u.id));
    const byId = new Map(rows.map((r) => [r.azureObjectId.toLowerCase(), r]));
    return (id) => byId.get(id.toLowerCase()) ?? null;
  } catch (error) {
    if (!(error instanceof AppError && error.code.startsWith('dataverse.'))) throw error;
    deps.log.warn({ code: error.code, err: error.message }, 'sync preview: Dataverse rows could not be read');
    return () => 'unknown';
  }
}
