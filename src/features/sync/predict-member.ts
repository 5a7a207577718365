import { evaluateAccess } from '../../domain/access/evaluate';
import type { CheckId } from '../../domain/access/diagnosis';
import type { DirectoryUser } from '../../gateways/types';
import type { NewMember } from '../../jobs/job-types';
import { memberFacts, type TenantFacts } from './tenant-facts';

/** The checks addUser itself applies; role and Dataverse-row checks do not stop a sync. */
const BLOCKS_ADD_USER: readonly CheckId[] = ['entra-account', 'license', 'security-group', 'environment'];

/** A member row with the prediction of the same rules as the diagnosis. */
export function predictMember(user: DirectoryUser, tenant: TenantFacts): NewMember {
  const diagnosis = evaluateAccess(memberFacts(user, tenant));
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
