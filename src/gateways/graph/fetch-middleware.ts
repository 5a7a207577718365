import { randomUUID } from 'node:crypto';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { isConnectionReset } from '../http/connection-reset';
import { TransportError } from '../http/http-client';
import { OutboundCall } from '../http/outbound-call';
import type { OnRequest } from '../http/request-event';
import { requestIdsOf } from '../http/request-ids';
import { GraphCallState } from './graph-call-state';
import { outboundCallOf } from './outbound-call-middleware';

/**
 * Last link of the chain, in place of the library's HTTPMessageHandler (which calls the global
 * fetch): uses the injected fetch, bounds every attempt with a timeout and reports each attempt,
 * retries included, to onRequest and to the call's span (OutboundCallMiddleware). Every attempt
 * carries `traceparent` and a fresh `client-request-id`, which Graph echoes: the id Microsoft
 * support can trace even when no answer came back. A GET whose connection was reset is sent once
 * more: the library's RetryHandler only retries HTTP answers, and a stale pooled socket gives none.
 */
export class FetchMiddleware implements Middleware {
  constructor(
    private readonly doFetch: typeof fetch,
    private readonly timeoutMs: number,
    private readonly onRequest?: OnRequest,
  ) {}

  async execute(context: Context): Promise<void> {
    const method = context.options?.method ?? 'GET';
    // Without OutboundCallMiddleware in front (a chain built elsewhere): a call per execute, no span.
    const call = outboundCallOf(context) ?? new OutboundCall(undefined, 'graph', method, urlOf(context));
    try {
      await this.attempt(context, method, call);
    } catch (error) {
      if (method !== 'GET' || !isConnectionReset(error)) throw this.failed(context, method, error);
      try {
        await this.attempt(context, method, call);
      } catch (again) {
        throw this.failed(context, method, again);
      }
    }
  }

  private async attempt(context: Context, method: string, call: OutboundCall): Promise<void> {
    const headers = withHeaders(context);
    const clientRequestId = randomUUID();
    headers.set('client-request-id', clientRequestId);
    const index = call.beforeAttempt(headers);
    const started = performance.now();
    let status = 0;
    let timedOut = false;
    try {
      context.response = await this.doFetch(context.request, { ...context.options, headers, signal: AbortSignal.timeout(this.timeoutMs) });
      status = context.response.status;
    } catch (error) {
      timedOut = isTimeout(error);
      throw error;
    } finally {
      const answered = requestIdsOf(context.response?.headers);
      const requestIds = status === 0 ? { clientRequestId } : answered;
      call.afterAttempt({ status, requestIds, timedOut });
      const event = { surface: 'graph' as const, method, url: urlOf(context), operation: call.operation, attempt: index, status, durationMs: performance.now() - started, throttled: status === 429, requestIds };
      if (this.onRequest) call.inContext(() => this.onRequest?.(event));
    }
  }

  private failed(context: Context, method: string, error: unknown): TransportError {
    const timedOut = isTimeout(error);
    const failure = new TransportError(timedOut, `${method} ${urlOf(context)} ${timedOut ? `timed out after ${this.timeoutMs} ms` : 'failed: no response'}`, { cause: error });
    const state = GraphCallState.of(context);
    if (state) state.failure = failure;
    return failure;
  }
}

const urlOf = (context: Context) => (typeof context.request === 'string' ? context.request : context.request.url);
const isTimeout = (error: unknown) => error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

/** The request's headers as a Headers object (the library hands over a Headers or a plain record), stored back on the options. */
function withHeaders(context: Context): Headers {
  context.options = context.options ?? {};
  const headers = new Headers(context.options.headers as ConstructorParameters<typeof Headers>[0]);
  context.options.headers = headers;
  return headers;
}
