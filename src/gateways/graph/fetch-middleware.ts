import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { TransportError } from '../http/http-client';
import type { OnRequest } from '../http/request-event';
import { GraphCallState } from './graph-call-state';

/**
 * Last link of the chain, in place of the library's HTTPMessageHandler (which calls the global
 * fetch): uses the injected fetch, bounds every attempt with a timeout and reports each attempt,
 * retries included, to onRequest.
 */
export class FetchMiddleware implements Middleware {
  constructor(
    private readonly doFetch: typeof fetch,
    private readonly timeoutMs: number,
    private readonly onRequest?: OnRequest,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const method = context.options?.method ?? 'GET';
    const started = performance.now();
    let status = 0;
    try {
      context.response = await this.doFetch(context.request, { ...context.options, signal: AbortSignal.timeout(this.timeoutMs) });
      status = context.response.status;
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const failure = new TransportError(timedOut, `${method} ${url} ${timedOut ? `timed out after ${this.timeoutMs} ms` : 'failed: no response'}`, { cause: error });
      const state = GraphCallState.of(context);
      if (state) state.failure = failure;
      throw failure;
    } finally {
      this.onRequest?.({ surface: 'graph', method, url, status, durationMs: performance.now() - started, throttled: status === 429 });
    }
  }
}
