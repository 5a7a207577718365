/**
 * The shared HTTP client (BAP, Power Apps, Dataverse) sends through node:http(s) by default, not
 * fetch: it must read answers the way fetch did (compressed bodies, headers) and fail the same way.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { createHttpClient, TransportError } from '../../src/gateways/http/http-client';
import type { RequestEvent } from '../../src/gateways/http/request-event';

const tokenProvider = { getToken: async () => 'test-token' };

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('the shared HTTP client on node:http', () => {
  it('when Microsoft answers gzip- or br-compressed JSON, then the body and the request ids are read as sent', async () => {
    const payload = { value: [{ id: 'a', displayName: 'Ünïcode — name' }] };
    let seen: { encoding?: string; auth?: string; type?: string; body?: string } = {};
    const service = await serve((req, res, body) => {
      seen = { encoding: req.headers['accept-encoding'], auth: req.headers.authorization, type: req.headers['content-type'], body };
      const br = req.url?.includes('br') === true;
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': br ? 'br' : 'gzip', 'x-ms-service-request-id': 'abc-123' });
      res.end(br ? brotliCompressSync(JSON.stringify(payload)) : gzipSync(JSON.stringify(payload)));
    });
    try {
      const events: RequestEvent[] = [];
      const http = createHttpClient({ surface: 'dataverse', tokenProvider, onRequest: (e) => events.push(e) });
      for (const path of ['/gzip', '/br']) {
        const response = await http.send({ method: 'POST', url: `${service.url}${path}`, scope: 's', body: { ObjectId: 'x' } });
        expect(response).toMatchObject({ status: 200, body: payload });
        expect(response.headers.get('X-MS-Service-Request-Id')).toBe('abc-123');
      }
      expect(seen).toEqual({ encoding: expect.stringContaining('gzip'), auth: 'Bearer test-token', type: 'application/json; charset=utf-8', body: '{"ObjectId":"x"}' });
      expect(events.map((e) => [e.status, e.requestIds.serviceRequestId])).toEqual([[200, 'abc-123'], [200, 'abc-123']]);
    } finally {
      await service.close();
    }
  });

  it('when the service never answers, then the call fails as timed out after the timeout', async () => {
    const service = await serve(() => undefined);
    try {
      const http = createHttpClient({ surface: 'bap', tokenProvider, timeoutMs: 50 });
      const error = await http.send({ method: 'POST', url: `${service.url}/addUser`, scope: 's', body: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ timedOut: true, message: expect.stringContaining('timed out after 50 ms') });
    } finally {
      await service.close();
    }
  });

  it('when the connection closes halfway through an answer, then the call fails with no answer (not a truncated body)', async () => {
    const service = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"value": [');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    try {
      const events: RequestEvent[] = [];
      const http = createHttpClient({ surface: 'bap', tokenProvider, onRequest: (e) => events.push(e) });
      const error = await http.send({ method: 'POST', url: `${service.url}/addUser`, scope: 's', body: {} }).catch((e: unknown) => e);
      expect(error).toMatchObject({ timedOut: false, message: expect.stringContaining('failed: no response') });
      expect(events.map((e) => e.status)).toEqual([0]);
    } finally {
      await service.close();
    }
  });
});
