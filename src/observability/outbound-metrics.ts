import type { OnRequest } from '../gateways/http/request-event';
import type { Telemetry } from './telemetry';

/**
 * The gateways' per-attempt hook as metrics: `outbound.requests` by surface, verb and status,
 * `outbound.throttled` by surface, `outbound.duration` by surface. The URL is never used: Graph
 * filters carry UPNs and names.
 */
export function outboundRecorder(telemetry: Telemetry): OnRequest {
  return (event) => {
    const surface = { surface: event.surface };
    telemetry.count('outbound.requests', 1, { ...surface, 'http.method': event.method.toUpperCase(), 'http.status_code': event.status });
    if (event.throttled) telemetry.count('outbound.throttled', 1, surface);
    telemetry.recordDuration('outbound.duration', event.durationMs, surface);
  };
}

/** Both hooks (the caller's first); undefined when there are none. */
export function bothHooks(first: OnRequest | undefined, second: OnRequest | undefined): OnRequest | undefined {
  if (!first || !second) return first ?? second;
  return (event) => {
    first(event);
    second(event);
  };
}
