import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { TokenProvider } from '../auth/token-provider';
import { GraphCallState } from './graph-call-state';

/**
 * Always sets Authorization from our TokenProvider. The library's AuthenticationHandler only does
 * so for https Graph hosts, so against the simulator (plain http on loopback) it would send none.
 * Runs first, once per call: the cached token outlives any retry wait the RetryHandler makes.
 */
export class BearerMiddleware implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly tokenProvider: TokenProvider,
    private readonly scope: string,
  ) {}

  async execute(context: Context): Promise<void> {
    const state = GraphCallState.of(context);
    if (state?.absoluteUrl) context.request = state.absoluteUrl;
    let token: string;
    try {
      token = await this.tokenProvider.getToken(this.scope);
    } catch (error) {
      if (state) state.failure = error;
      throw error;
    }
    context.options = context.options ?? {};
    const headers = context.options.headers;
    if (headers instanceof Headers) headers.set('Authorization', `Bearer ${token}`);
    else context.options.headers = { ...(headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` };
    if (!this.next) throw new Error('BearerMiddleware needs a next middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
