import { addUserReason } from '../../domain/access/add-user-reasons';
import { listWithMore as namesWithMore } from '../../domain/list-names';
import { REASON_THROTTLED, REASON_UNAVAILABLE } from '../../jobs/attempt-policy';
import type { ReasonGroup } from '../../jobs/member-store';
import { GROUP_AND_LICENCE } from './predict-member';

export interface ReasonText {
  title: string;
  fix: string;
}

/** Check ids from evaluateAccess (why a member was predicted blocked / skipped). */
const CHECKS: Record<string, ReasonText> = {
  'entra-account': { title: 'Account missing, disabled or deleted in Entra ID', fix: 'Fix the account in Entra ID, then sync again.' },
  license: { title: 'No licence with Dataverse', fix: 'Assign Power Apps Premium or a Dynamics 365 licence (with its Dataverse plan on), then sync again.' },
  'security-group': { title: "Not in the environment's security group", fix: "Add the person to the environment's security group directly (nested groups don't count), then sync again." },
  [GROUP_AND_LICENCE]: {
    title: "Not in the environment's security group, and no licence with Dataverse",
    fix: 'Assign Power Apps Premium or a Dynamics 365 licence and add the person to the security group directly, then sync again.',
  },
  environment: {
    title: "The environment can't take these people",
    fix: "It has no Dataverse database or is disabled (nobody can be added), or it is someone else's Developer environment (only its creator can be). Each person's detail says which; pick another environment.",
  },
};

const OWN: Record<string, ReasonText> = {
  [REASON_UNAVAILABLE]: { title: 'The Power Platform admin service did not answer', fix: 'Nothing is wrong with these people: use Retry failed in a few minutes.' },
  [REASON_THROTTLED]: { title: 'The Power Platform admin service kept refusing (too many requests)', fix: 'Use Retry failed later; the bot already slowed down as asked.' },
};

/** Title and fix for a member's reason code: a BAP addUser inner code, one of ours, or an access check id. */
export function describeReason(reason: string | null): ReasonText {
  if (reason === null) return { title: 'Unknown reason', fix: 'Run a diagnosis for one of these people.' };
  const known = CHECKS[reason] ?? OWN[reason];
  if (known) return known;
  const text = addUserReason(reason);
  // An inner code nobody has explained yet is shown as is, so an admin can look it up.
  return { title: text.reason === 'unknown' ? `${text.title} (${reason})` : text.title, fix: text.fix };
}

/** `Ann, Bob, Cy and 12 more` */
export { namesWithMore };

/**
 * Card sections for members grouped by reason: heading with count (after `mark`, an icon that says
 * how it went: colour alone never does), names, fix.
 */
export function reasonSections(groups: readonly ReasonGroup[], mark: string) {
  return groups.map((g) => {
    const text = describeReason(g.reason);
    return { reason: g.reason, heading: `${mark} ${text.title} (${g.count})`, names: namesWithMore(g.names, g.count), fix: text.fix };
  });
}
