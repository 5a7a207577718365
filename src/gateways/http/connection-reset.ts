// Codes Node sets when a connection closes under a request: ECONNRESET (also behind node:http's
// "socket hang up"), EPIPE, and undici's UND_ERR_SOCKET ("other side closed") from fetch.
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * True when a request got no answer because its connection was closed under it, typically a
 * pooled keep-alive socket the server had already dropped. Nothing reached the service, so an
 * idempotent request can be sent again on a fresh connection. Follows `cause` (fetch wraps it).
 */
export function isConnectionReset(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && RESET_CODES.has(code)) return true;
    current = cause;
  }
  return false;
}
