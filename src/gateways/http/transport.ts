import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

/** What the shared HTTP client reads from an answer's headers. `Headers` (fetch) is one. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** For the whole exchange, the answer's body included. */
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/**
 * Sends one request and reads its whole answer. Rejects when no complete answer arrived: after
 * `timeoutMs` with an error named `TimeoutError`, else with the socket's error (its `code`, e.g.
 * ECONNRESET, tells a reset connection).
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** Through a fetch (tests give one that counts or alters requests). */
export function fetchTransport(doFetch: typeof fetch): Transport {
  return async (request) => {
    const response = await doFetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(request.timeoutMs) });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
}

// Keep-alive pools like fetch's, one per scheme, shared by every client of the process.
const AGENTS = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) } as const;

/**
 * node:http(s) on keep-alive connections: the default. The same exchange as the global fetch (it
 * asks for and decodes gzip, deflate and br like fetch does) at about a quarter of the CPU per
 * request, which a sync job pays once per member (docs/benchmarks.md, "CPU per member").
 */
export const nodeTransport: Transport = (request) =>
  new Promise<TransportResponse>((resolve, reject) => {
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(new TypeError(`${url.protocol} URLs are not supported`));
      return;
    }
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    let settled = false;
    const settle = (error: Error | null, response?: TransportResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        outgoing.destroy();
        reject(error);
      } else resolve(response as TransportResponse);
    };
    const send = url.protocol === 'https:' ? https.request : http.request;
    const outgoing = send(url, { method: request.method, headers, agent: AGENTS[url.protocol] });
    const timer = setTimeout(() => settle(timeoutError(request.timeoutMs)), request.timeoutMs);
    outgoing.once('error', (error) => settle(error));
    outgoing.once('response', (incoming) => {
      incoming.once('error', (error) => settle(error));
      incoming.once('close', () => {
        if (!incoming.complete) settle(Object.assign(new Error('the connection closed before the answer ended'), { code: 'ECONNRESET' }));
      });
      const body = decoded(incoming);
      let text = '';
      body.setEncoding('utf8');
      body.on('data', (chunk: string) => (text += chunk));
      body.once('error', (error) => settle(error));
      body.once('end', () => settle(null, { status: incoming.statusCode ?? 0, headers: headerReader(incoming.headers), text }));
    });
    outgoing.end(request.body);
  });

function decoded(incoming: http.IncomingMessage): Readable {
  const encoding = String(incoming.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : null;
  return decoder ? incoming.pipe(decoder) : incoming;
}

function headerReader(raw: http.IncomingHttpHeaders): ResponseHeaders {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

function timeoutError(ms: number): Error {
  const error = new Error(`no complete answer within ${ms} ms`);
  error.name = 'TimeoutError';
  return error;
}
