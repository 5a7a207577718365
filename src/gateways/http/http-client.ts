import type { Tracer } from '@opentelemetry/api';
import { AppError } from '../../errors';
import { isRecord } from './wire';
import type { TokenProvider } from '../auth/token-provider';
import { OutboundCall } from './outbound-call';
import { DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT_MS, type GatewaySurface, type OnRequest, type RetryPolicy } from './request-event';
import { requestIdsOf } from './request-ids';
import { parseRetryAfter, retryDelayMs, sleep } from './retry-after';
import { fetchTransport, nodeTransport, type ResponseHeaders } from './transport';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  scope: string;
  body?: unknown;
  /** A body that is not JSON (a Dataverse `$batch` is multipart/mixed), sent as given with its content type. */
  rawBody?: { contentType: string; text: string };
  headers?: Record<string, string>;
  /** Bounded retries on 429/502/503/504 and timeouts. Defaults to true for GET only. */
  retry?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: unknown;
  /** The body as received (a multipart `$batch` answer is read from it). */
  text?: string;
}

/** Thrown when no HTTP response arrived at all (timeout, refused connection, reset). */
export class TransportError extends Error {
  constructor(
    readonly timedOut: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

export interface HttpClientOptions {
  surface: GatewaySurface;
  tokenProvider: TokenProvider;
  /** Sends through this fetch instead of node:http(s) (tests count or alter requests with it). */
  fetch?: typeof fetch;
  onRequest?: OnRequest;
  /** A span per call (src/gateways/http/outbound-call.ts); none when absent. */
  tracer?: Tracer;
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export interface HttpClient {
  /** Sends with bearer token and JSON; returns every HTTP status (after retries); throws TransportError or AppError('auth.token'). */
  send(request: HttpRequest): Promise<HttpResponse>;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const transport = options.fetch ? fetchTransport(options.fetch) : nodeTransport;
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const attempt = async (request: HttpRequest, call: OutboundCall): Promise<HttpResponse> => {
    const token = await options.tokenProvider.getToken(request.scope);
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers, authorization: `Bearer ${token}` };
    if (request.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    if (request.rawBody !== undefined) headers['content-type'] = request.rawBody.contentType;
    const index = call.beforeAttempt(headers);
    const started = performance.now();
    let status = 0;
    let responseHeaders: ResponseHeaders | null = null;
    let timedOut = false;
    try {
      const body = request.rawBody?.text ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
      const response = await transport({ method: request.method, url: request.url, headers, body, timeoutMs });
      status = response.status;
      responseHeaders = response.headers;
      return { status, headers: response.headers, body: parseJson(response.text), text: response.text };
    } catch (error) {
      timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new TransportError(timedOut, `${request.method} ${request.url} ${timedOut ? `timed out after ${timeoutMs} ms` : 'failed: no response'}`, { cause: error });
    } finally {
      const durationMs = performance.now() - started;
      const requestIds = requestIdsOf(responseHeaders);
      call.afterAttempt({ status, requestIds, timedOut });
      const event = { surface: options.surface, method: request.method, url: request.url, operation: call.operation, attempt: index, status, durationMs, throttled: status === 429, requestIds };
      if (options.onRequest) call.inContext(() => options.onRequest?.(event));
    }
  };

  const sendWithRetries = async (request: HttpRequest, call: OutboundCall): Promise<HttpResponse> => {
    const retry = request.retry ?? request.method === 'GET';
    for (let retries = 0; ; retries += 1) {
      const canRetry = retry && retries < policy.maxRetries;
      let response: HttpResponse;
      try {
        response = await attempt(request, call);
      } catch (error) {
        if (!(error instanceof TransportError) || !canRetry) throw error;
        await sleep(retryDelayMs(retries, undefined, policy));
        continue;
      }
      if (!canRetry || !RETRYABLE_STATUS.has(response.status)) return response;
      await sleep(retryDelayMs(retries, parseRetryAfter(response.headers.get('retry-after')), policy));
    }
  };

  return {
    async send(request) {
      const call = new OutboundCall(options.tracer, options.surface, request.method, request.url);
      try {
        const response = await sendWithRetries(request, call);
        call.end();
        return response;
      } catch (error) {
        call.end(error);
        throw error;
      }
    },
  };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `{ error: { code, message } }` as Graph, BAP and Dataverse all send it; empty strings when absent. */
export function errorEnvelope(body: unknown): { code: string; message: string } {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  return { code: typeof error.code === 'string' ? error.code : '', message: typeof error.message === 'string' ? error.message : '' };
}

/** Raised by callers for a failure with no upstream HTTP status to report. */
export function unavailable(service: string, cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new AppError('upstream.unavailable', `${service} did not answer in time. Try again in a minute.`, { cause, message: `${service}: ${detail}` });
}
