import type { AddUserOutcome } from '../types';
import { errorEnvelope, type HttpResponse } from '../http/http-client';
import { isRecord } from '../http/wire';
import { parseRetryAfter } from '../http/retry-after';
import { bapError } from './bap-errors';

const DEFAULT_THROTTLE_WAIT_MS = 5_000;
const WRAPPER_PREFIX = 'The request failed with error: ';

/** Classifies one addUser response (§1.2/§1.3). 401/403 throw: no retry can fix them. */
export function classifyAddUser(response: HttpResponse): AddUserOutcome {
  const { status } = response;
  if (status === 200) return { ok: true };
  if (status === 401 || status === 403) throw bapError(response);
  if (status === 429) {
    return { ok: false, kind: 'throttled', status: 429, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) ?? DEFAULT_THROTTLE_WAIT_MS };
  }
  if (status >= 500 || status === 408) {
    const { code, message } = errorEnvelope(response.body);
    return { ok: false, kind: 'transient', status, detail: [code, message].filter(Boolean).join(': ') || `HTTP ${status}` };
  }
  return { ok: false, kind: 'rejected', status, ...innerError(response.body) };
}

/**
 * BAP wraps the user-sync pipeline result as a JSON string inside error.message:
 * "The request failed with error: '{json}'. The tracking Id is '…'." Falls back to error.code.
 */
export function innerError(body: unknown): { code: string; description: string } {
  const { code, message } = errorEnvelope(body);
  const inner = parseWrappedJson(message);
  const errors = isRecord(inner) && Array.isArray(inner.errors) ? inner.errors : [];
  const first = errors.find((entry) => isRecord(entry) && typeof entry.Code === 'string' && entry.Code !== '');
  if (isRecord(first)) {
    return { code: String(first.Code), description: typeof first.Description === 'string' ? first.Description : message };
  }
  return { code: code || 'unknown', description: unwrapMessage(message) };
}

function parseWrappedJson(message: string): unknown {
  const start = message.indexOf('{');
  const end = message.lastIndexOf('}');
  if (start === -1 || end <= start) return undefined;
  try {
    return JSON.parse(message.slice(start, end + 1)) as unknown;
  } catch {
    return undefined;
  }
}

/** The human text inside the wrapper, without the tracking id. */
function unwrapMessage(message: string): string {
  if (!message.startsWith(WRAPPER_PREFIX)) return message;
  const tracking = message.lastIndexOf('. The tracking Id is');
  const inner = message.slice(WRAPPER_PREFIX.length, tracking === -1 ? undefined : tracking);
  return inner.replace(/^'/, '').replace(/'$/, '');
}
