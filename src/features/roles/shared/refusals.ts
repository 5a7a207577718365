import { privilegeSentence } from '../../../gateways/dataverse/write-errors';
import type { DataverseRefusal } from '../../../gateways/types';

/**
 * A write Dataverse refused, in plain words with the fix: a missing privilege (§9.4), a role of another
 * business unit (§9.2), an access team, a duplicate group team (§11), a missing row; else Dataverse's own
 * message with its code.
 */
export function explainRefusal(refusal: DataverseRefusal, environment: string): string {
  if (refusal.privilege) return privilegeSentence(environment, refusal.privilege);
  switch (refusal.code) {
    case '0x80041409':
    case '0x8004140d':
      return `Dataverse refused a role from another business unit (${refusal.code}): in ${environment} a role can only be given from the business unit of the person or team, unless record ownership across business units is turned on.`;
    case '0x80048331':
      return 'Dataverse does not give security roles to access teams (0x80048331).';
    case '0x80040237':
      return `Dataverse refused a duplicate (${refusal.code}): it already has that row.`;
    case '0x80040217':
      return `Dataverse no longer has that row in ${environment} (0x80040217): it was removed since I looked. Run the command again.`;
    case '0x80041d68':
      return 'Dataverse could not find that Entra group (0x80041d68). Check that the group still exists.';
    default:
      if (refusal.status === 429 || refusal.status >= 500) return `Dataverse (${environment}) was busy and did not do it (HTTP ${refusal.status}). Try again in a minute.`;
      return `Dataverse (${environment}) refused it (HTTP ${refusal.status}${refusal.code ? `, ${refusal.code}` : ''}): ${refusal.message}`;
  }
}
