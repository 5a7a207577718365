import { REASON_THROTTLED, REASON_UNAVAILABLE } from '../../jobs/attempt-policy';
import type { FailedFilter } from '../../jobs/member-store';

/**
 * Failures a retry can fix: the admin service was busy (throttled) or did not answer (timeouts, 5xx),
 * and `userNotLicensed` for someone the preview found licensed (Entra assigns licences asynchronously,
 * so the licence may still be on its way). A missing licence, group or account needs a fix first.
 */
export const RETRYABLE: FailedFilter = {
  reasons: [REASON_THROTTLED, REASON_UNAVAILABLE],
  whenPredictedReady: ['userNotLicensed'],
};
