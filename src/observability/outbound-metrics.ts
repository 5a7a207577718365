import type { Logger } from 'pino';
import type { OnRequest, RequestEvent } from '../gateways/http/request-event';
import type { Telemetry } from './telemetry';

const isAddUser = (event: RequestEvent) => event.surface === 'bap' && event.operation.endsWith('/addUser');

/**
 * The gateways' per-attempt hook as metrics: `outbound.requests` by service, verb and status,
 * `outbound.throttled` by service, `outbound.duration` by service, and `sync.adduser.duration`
 * for BAP's addUser. The URL is never used: Graph filters carry UPNs and names.
 */
export function outboundRecorder(telemetry: Telemetry): OnRequest {
  return (event) => {
    const surface = { surface: event.surface };
    const status = { 'http.response.status_code': event.status };
    telemetry.count('outbound.requests', 1, { ...surface, ...status, 'http.request.method': event.method.toUpperCase() });
    if (event.throttled) telemetry.count('outbound.throttled', 1, surface);
    telemetry.recordDuration('outbound.duration', event.durationMs, surface);
    if (isAddUser(event)) telemetry.recordDuration('sync.adduser.duration', event.durationMs, status);
  };
}

/** Answers worth a `warn`: nothing came back, the bot's own access is refused, or the service failed. */
const serious = (status: number) => status === 0 || status === 401 || status === 403 || status >= 500;

/**
 * Failed attempts in the log with the ids Microsoft support asks for (`requestId`,
 * `clientRequestId`, `serviceRequestId`), the operation template and the status, never the URL:
 * `warn` for no answer, 401, 403 and 5xx, `debug` for the rest (404s of lookups, 429s the
 * limiter handles, business refusals such as an unlicensed user). Inside a span the line also
 * carries its trace id.
 */
export function outboundFailureLog(log: Logger): OnRequest {
  return (event) => {
    if (event.status > 0 && event.status < 400) return;
    const level = serious(event.status) ? 'warn' : 'debug';
    if (!log.isLevelEnabled(level)) return;
    log[level](
      { service: event.surface, operation: `${event.method} ${event.operation}`, status: event.status, attempt: event.attempt, durationMs: Math.round(event.durationMs), ...event.requestIds },
      event.status === 0 ? 'Microsoft call got no answer' : 'Microsoft call failed',
    );
  };
}

/** Every given hook, in order; undefined when there are none. */
export function allHooks(...hooks: (OnRequest | undefined)[]): OnRequest | undefined {
  const present = hooks.filter((hook): hook is OnRequest => hook !== undefined);
  if (present.length <= 1) return present[0];
  return (event) => {
    for (const hook of present) hook(event);
  };
}
