import { Client, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { Tracer } from '@opentelemetry/api';
import type { TokenProvider } from '../auth/token-provider';
import { DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT_MS, type OnRequest, type RetryPolicy } from '../http/request-event';
import { BearerMiddleware } from './bearer-middleware';
import { FetchMiddleware } from './fetch-middleware';
import { OutboundCallMiddleware } from './outbound-call-middleware';

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com (the client adds /v1.0) */
  baseUrl: string;
  /** The token scope that goes with baseUrl's cloud, e.g. https://graph.microsoft.com/.default (clouds.ts). */
  scope: string;
  tokenProvider: TokenProvider;
  fetch?: typeof fetch;
  onRequest?: OnRequest;
  /** A span per Graph call (src/gateways/http/outbound-call.ts); none when absent. */
  tracer?: Tracer;
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
}

/** The call (span, request ids) → our bearer middleware → the library's RetryHandler (429/503/504, Retry-After) → our fetch. */
export function createGraphClient(options: GraphClientOptions): Client {
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const bearer = new BearerMiddleware(options.tokenProvider, options.scope);
  const retry = new RetryHandler(new RetryHandlerOptions(policy.baseDelayMs / 1000, Math.min(policy.maxRetries, 10)));
  const send = new FetchMiddleware(options.fetch ?? fetch, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.onRequest);
  const call = new OutboundCallMiddleware(options.tracer);
  call.setNext(bearer);
  bearer.setNext(retry);
  retry.setNext(send);
  return Client.initWithMiddleware({ middleware: call, baseUrl: `${options.baseUrl.replace(/\/+$/, '')}/`, defaultVersion: 'v1.0' });
}
