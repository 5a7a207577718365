import type { Context, MiddlewareOptions } from '@microsoft/microsoft-graph-client';

/**
 * Per-request state shared between our Graph middlewares and the caller, passed in as a
 * middleware option. It carries an absolute URL to send verbatim (nextLink / deltaLink: the
 * library's URL parser only understands https://{host}/{version}/…) and the first local failure
 * (token or transport), which the library would otherwise flatten into a bare GraphError.
 */
export class GraphCallState implements MiddlewareOptions {
  failure: unknown;

  constructor(readonly absoluteUrl?: string) {}

  static of(context: Context): GraphCallState | undefined {
    const option = context.middlewareControl?.getMiddlewareOptions(GraphCallState);
    return option instanceof GraphCallState ? option : undefined;
  }
}
