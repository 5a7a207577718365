import { context, createContextKey, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { operationOf } from './operation-name';
import type { GatewaySurface } from './request-event';
import type { RequestIds } from './request-ids';

const COUNTED_ONLY = createContextKey('dataverse-access-bot.outbound.counted-only');

/**
 * Work run in the returned context makes no span per Microsoft call: a sync job's thousands of
 * member adds are counts on the job's span, not children of it. Their requests still carry the
 * job's `traceparent`, and a failed one is an event on the job's span.
 */
export const withCallsCountedOnly = (parent: Context): Context => parent.setValue(COUNTED_ONLY, true);

/** What one attempt got back; status 0 = no response. */
export interface AttemptResult {
  status: number;
  requestIds: RequestIds;
  timedOut?: boolean;
}

const idAttributes = (ids: RequestIds): Attributes => ({
  'outbound.request_id': ids.requestId,
  'outbound.client_request_id': ids.clientRequestId,
  'outbound.service_request_id': ids.serviceRequestId,
});

function failureType(result: AttemptResult): string | undefined {
  if (result.status === 0) return result.timedOut ? 'timeout' : 'no_response';
  return result.status >= 400 ? String(result.status) : undefined;
}

/**
 * One call to Graph, BAP or Dataverse, retries included: a CLIENT span named after the operation
 * (`GET users/{id}/memberOf`) with the service, the final status, the retries, whether it was
 * throttled and the service's request ids. Never the URL: Graph filters carry UPNs and names.
 * Each attempt's headers get the W3C `traceparent` of the call (or of the caller when no span is
 * made), through the API's global propagator, which is a no-op while telemetry is off.
 */
export class OutboundCall {
  readonly operation: string;
  private readonly span: Span | null;
  private readonly context: Context;
  private attempts = 0;
  private throttled = false;
  private last: AttemptResult | null = null;

  constructor(
    tracer: Tracer | undefined,
    private readonly surface: GatewaySurface,
    private readonly method: string,
    url: string,
  ) {
    this.operation = operationOf(url);
    const parent = context.active();
    if (tracer && parent.getValue(COUNTED_ONLY) !== true) {
      this.span = tracer.startSpan(
        `${method} ${this.operation}`,
        { kind: SpanKind.CLIENT, attributes: { surface, 'outbound.operation': this.operation, 'http.request.method': method, 'server.address': hostOf(url) } },
        parent,
      );
      this.context = trace.setSpan(parent, this.span);
    } else {
      this.span = null;
      this.context = parent;
    }
  }

  /** Call before each attempt: adds `traceparent` to its headers and returns its index (0 = first). */
  beforeAttempt(headers: Record<string, string> | Headers): number {
    if (headers instanceof Headers) propagation.inject(this.context, headers, { set: (carrier, key, value) => carrier.set(key, value) });
    else propagation.inject(this.context, headers);
    const index = this.attempts;
    this.attempts += 1;
    return index;
  }

  afterAttempt(result: AttemptResult): void {
    this.last = result;
    if (result.status === 429) this.throttled = true;
    const failure = failureType(result);
    if (failure === undefined) return;
    // Inside a sync job there is no span of our own: the job's span gets the event.
    const target = this.span ?? trace.getSpan(this.context);
    target?.addEvent('outbound.attempt_failed', {
      surface: this.surface, 'outbound.operation': this.operation, 'http.request.method': this.method,
      'http.response.status_code': result.status || undefined, 'error.type': failure, ...idAttributes(result.requestIds),
    });
  }

  /** Runs `fn` with the call's span active (a log line written in it carries the call's span id). */
  inContext<T>(fn: () => T): T {
    return context.with(this.context, fn);
  }

  /** Ends the span (once), with the last attempt's outcome; `error` is what the caller threw, if anything. */
  end(error?: unknown): void {
    if (!this.span) return;
    const last = this.last;
    const failure = last ? failureType(last) : error !== undefined ? 'not_sent' : undefined;
    this.span.setAttributes({
      'http.response.status_code': last && last.status > 0 ? last.status : undefined,
      'http.request.resend_count': Math.max(0, this.attempts - 1),
      'outbound.throttled': this.throttled,
      'error.type': failure,
      ...idAttributes(last?.requestIds ?? {}),
    });
    if (failure !== undefined) this.span.setStatus({ code: SpanStatusCode.ERROR });
    this.span.end();
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
