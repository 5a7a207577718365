import type { Notifier } from '../app/deps';
import { toAppError } from '../errors';
import type { Telemetry } from './telemetry';

/**
 * The notifier, counting each proactive message that could not be delivered (after the
 * notifier's own retries) as `notifications.failed` by operation and error code.
 */
export function countingFailedNotifications(notifier: Notifier, telemetry: Telemetry): Notifier {
  if (!telemetry.enabled) return notifier;
  const counted = <A extends unknown[], R>(operation: string, send: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await send(...args);
      } catch (error) {
        telemetry.count('notifications.failed', 1, { 'notification.operation': operation, 'error.code': toAppError(error).code });
        throw error;
      }
    };
  return {
    ...notifier,
    sendCard: counted('sendCard', notifier.sendCard.bind(notifier)),
    sendText: counted('sendText', notifier.sendText.bind(notifier)),
    updateCard: counted('updateCard', notifier.updateCard.bind(notifier)),
  };
}
