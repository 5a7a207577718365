import { evaluateAccess } from '../../domain/access/evaluate';
import type { CheckId } from '../../domain/access/diagnosis';
import type { DataverseGateway, DirectoryUser, SystemUser } from '../../gateways/types';
import type { NewMember } from '../../jobs/job-types';
import { memberFacts, type TenantFacts } from './tenant-facts';

/** The checks addUser itself applies; role and Dataverse-row checks do not stop a sync. */
const BLOCKS_ADD_USER: readonly CheckId[] = ['entra-account', 'license', 'security-group', 'environment'];

/** A member row with the prediction of the same rules as the diagnosis. */
export function predictMember(user: DirectoryUser, tenant: TenantFacts, systemUser: SystemUser | null | 'unknown'): NewMember {
  const diagnosis = evaluateAccess(memberFacts(user, tenant, systemUser));
  const blocking = diagnosis.checks.find((c) => c.status === 'fail' && BLOCKS_ADD_USER.includes(c.id));
  return {
    objectId: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    prediction: blocking ? 'blocked' : 'ready',
    predictionReason: blocking?.id,
    predictionDetail: blocking?.detail,
  };
}

/** Existing Dataverse rows of a page of users, in batched queries (non-interactive users need no licence). */
export async function existingRows(
  dataverse: DataverseGateway, instanceUrl: string | null, users: readonly DirectoryUser[],
): Promise<(id: string) => SystemUser | null | 'unknown'> {
  if (!instanceUrl || users.length === 0) return () => 'unknown';
  try {
    const rows = await dataverse.findSystemUsers(instanceUrl, users.map((u) => u.id));
    const byId = new Map(rows.map((r) => [r.azureObjectId.toLowerCase(), r]));
    return (id) => byId.get(id.toLowerCase()) ?? null;
  } catch {
    return () => 'unknown';
  }
}
