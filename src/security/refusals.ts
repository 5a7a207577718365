import type { Turn } from '../app/turn';
import type { ErrorCode } from '../errors';

/**
 * A handler that answered but did not do what was asked (nothing matched the name, too many people,
 * a permission the bot lacks) notes it here, and the guard records the request as refused with that
 * code instead of "ok". Keyed by the turn the handler was given.
 */
const noted = new WeakMap<Turn, ErrorCode>();

export function noteRefusal(turn: Turn, code: ErrorCode): void {
  noted.set(turn, code);
}

/** The refusal a handler noted on this turn, once (the guard reads it after the handler ran). */
export function takeRefusal(turn: Turn): ErrorCode | undefined {
  const code = noted.get(turn);
  noted.delete(turn);
  return code;
}
