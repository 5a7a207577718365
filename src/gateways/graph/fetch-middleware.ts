import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { isConnectionReset } from '../http/connection-reset';
import { TransportError } from '../http/http-client';
import type { OnRequest } from '../http/request-event';
import { GraphCallState } from './graph-call-state';

/**
 * Last link of the chain, in place of the library's HTTPMessageHandler (which calls the global
 * fetch): uses the injected fetch, bounds every attempt with a timeout and reports each attempt,
 * retries included, to onRequest. A GET whose connection was reset is sent once more: the
 * library's RetryHandler only retries HTTP answers, and a stale pooled socket gives none.
 */
export class FetchMiddleware implements Middleware {
  constructor(
    private readonly doFetch: typeof fetch,
    private readonly timeoutMs: number,
    private readonly onRequest?: OnRequest,
  ) {}

  async execute(context: Context): Promise<void> {
    const method = context.options?.method ?? 'GET';
    try {
      await this.attempt(context, method);
    } catch (error) {
      if (method !== 'GET' || !isConnectionReset(error)) throw this.failed(context, method, error);
      try {
        await this.attempt(context, method);
      } catch (again) {
        throw this.failed(context, method, again);
      }
    }
  }

  private async attempt(context: Context, method: string): Promise<void> {
    const started = performance.now();
    let status = 0;
    try {
      context.response = await this.doFetch(context.request, { ...context.options, signal: AbortSignal.timeout(this.timeoutMs) });
      status = context.response.status;
    } finally {
      this.onRequest?.({ surface: 'graph', method, url: urlOf(context), status, durationMs: performance.now() - started, throttled: status === 429 });
    }
  }

  private failed(context: Context, method: string, error: unknown): TransportError {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const failure = new TransportError(timedOut, `${method} ${urlOf(context)} ${timedOut ? `timed out after ${this.timeoutMs} ms` : 'failed: no response'}`, { cause: error });
    const state = GraphCallState.of(context);
    if (state) state.failure = failure;
    return failure;
  }
}

const urlOf = (context: Context) => (typeof context.request === 'string' ? context.request : context.request.url);
