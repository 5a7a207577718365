import type { Logger } from 'pino';
import { toAppError } from '../errors';

/**
 * The single place an error from a turn becomes words for a person: an AppError shows its
 * userMessage; anything else shows a reference the logs can be searched by, never its details.
 */
export function userMessageFor(error: unknown, ref: string, log: Logger): string {
  const appError = toAppError(error);
  if (appError.isOperational) {
    log.warn({ code: appError.code, err: appError }, 'turn refused');
    return appError.userMessage;
  }
  log.error({ code: appError.code, err: appError.cause ?? appError }, 'turn failed');
  return `Something went wrong (ref: ${ref}).`;
}
