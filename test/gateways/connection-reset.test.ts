/**
 * A pooled keep-alive connection the service has already dropped (e.g. after the event loop
 * stalled) makes the next request fail with no answer at all. Reads go out once more on a fresh
 * connection; writes never (they might have arrived).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLOUDS } from '../../src/gateways/auth/clouds';
import { createGraphClient } from '../../src/gateways/graph/graph-client';
import { createGraphGateway } from '../../src/gateways/graph/graph-gateway';
import { createGraphRequester } from '../../src/gateways/graph/graph-requester';
import { createHttpClient } from '../../src/gateways/http/http-client';
import { isConnectionReset } from '../../src/gateways/http/connection-reset';
import type { RequestEvent } from '../../src/gateways/http/request-event';

const JANE = '1bc176ac-113e-4105-a8d2-93516aa828e1';
const tokenProvider = { getToken: async () => 'test-token' };

/** Answers like Graph, except that the first `resets` requests get their connection destroyed. */
function standIn(resets: number) {
  const seen: string[] = [];
  let left = resets;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`);
    if (left > 0) {
      left -= 1;
      req.socket.destroy();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: JANE, displayName: 'Jane Doe', userPrincipalName: 'jane.doe@contoso.com', accountEnabled: true, userType: 'Member', assignedLicenses: [] }));
  });
  return {
    seen,
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function graphAgainst(resets: number) {
  const service = standIn(resets);
  const baseUrl = await service.start();
  const events: RequestEvent[] = [];
  const client = createGraphClient({ baseUrl, scope: CLOUDS.public.graph.scope, tokenProvider, onRequest: (e) => events.push(e), retryPolicy: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 } });
  return { service, events, graph: createGraphGateway(createGraphRequester(client, baseUrl)) };
}

describe('Graph reads on a connection that was reset', () => {
  it('when the first GET is reset, then it is sent once more and the person is found', async () => {
    const { service, events, graph } = await graphAgainst(1);
    try {
      await expect(graph.getUser(JANE)).resolves.toMatchObject({ id: JANE, displayName: 'Jane Doe' });
      expect(service.seen).toHaveLength(2);
      expect(events.map((e) => e.status)).toEqual([0, 200]);
    } finally {
      await service.close();
    }
  });

  it('when the retry is reset too, then it gives up after that one retry with a clear message', async () => {
    const { service, graph } = await graphAgainst(5);
    try {
      await expect(graph.getUser(JANE)).rejects.toMatchObject({ code: 'upstream.unavailable', userMessage: expect.stringMatching(/Microsoft Graph did not answer/) });
      expect(service.seen).toHaveLength(2);
    } finally {
      await service.close();
    }
  });

  it('when a write (adding a group member) is reset, then it is not sent again', async () => {
    const { service, graph } = await graphAgainst(1);
    try {
      await expect(graph.addGroupMember('b334d23a-c075-4b09-a359-4e9089de4a59', JANE)).rejects.toMatchObject({ code: 'upstream.unavailable' });
      expect(service.seen).toEqual([expect.stringMatching(/^POST /)]);
    } finally {
      await service.close();
    }
  });
});

describe('BAP and Dataverse reads (the shared HTTP client) on a connection that was reset', () => {
  it('when the first GET is reset, then it is retried and answers', async () => {
    const service = standIn(1);
    const baseUrl = await service.start();
    try {
      const http = createHttpClient({ surface: 'bap', tokenProvider, retryPolicy: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 } });
      await expect(http.send({ method: 'GET', url: `${baseUrl}/environments`, scope: 'bap' })).resolves.toMatchObject({ status: 200 });
      expect(service.seen).toHaveLength(2);
    } finally {
      await service.close();
    }
  });
});

describe('isConnectionReset', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });
  it.each([
    ['fetch failed ← ECONNRESET', new TypeError('fetch failed', { cause: withCode('ECONNRESET') }), true],
    ['fetch failed ← undici other side closed', new TypeError('fetch failed', { cause: withCode('UND_ERR_SOCKET') }), true],
    ['EPIPE', withCode('EPIPE'), true],
    ['a timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), false],
    ['connection refused', new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') }), false],
    ['not an error', 'ECONNRESET', false],
  ])('%s', (_case, error, expected) => {
    expect(isConnectionReset(error)).toBe(expected);
  });
});
