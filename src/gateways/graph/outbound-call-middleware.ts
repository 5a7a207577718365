import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Tracer } from '@opentelemetry/api';
import { OutboundCall } from '../http/outbound-call';
import { GraphCallState } from './graph-call-state';

const calls = new WeakMap<Context, OutboundCall>();

/** The call a Graph request belongs to (set by OutboundCallMiddleware; the chain passes one Context through every retry). */
export const outboundCallOf = (context: Context): OutboundCall | undefined => calls.get(context);

/**
 * First link of the Graph chain: one OutboundCall (span, retries, request ids) around everything
 * after it, so the RetryHandler's retries are attempts of the same call.
 */
export class OutboundCallMiddleware implements Middleware {
  private next?: Middleware;

  constructor(private readonly tracer: Tracer | undefined) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('OutboundCallMiddleware needs a next middleware');
    // A nextLink or deltaLink replaces the placeholder request further down the chain (BearerMiddleware).
    const url = GraphCallState.of(context)?.absoluteUrl ?? (typeof context.request === 'string' ? context.request : context.request.url);
    const call = new OutboundCall(this.tracer, 'graph', context.options?.method ?? 'GET', url);
    calls.set(context, call);
    try {
      await this.next.execute(context);
      call.end();
    } catch (error) {
      call.end(error);
      throw error;
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
