import { memoryStore } from '../helpers/stores';
import pino from 'pino';
import type { TurnContext } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/http/adapter';
import { appVersion, createHealth } from '../../src/http/health';
import { startServer, type BotServer } from '../../src/http/server';

const log = pino({ level: 'silent' });
const APP_ID = '22222222-2222-2222-2222-222222222222';
const TENANT = '11111111-1111-1111-1111-111111111111';

const message = {
  type: 'message',
  id: 'act-1',
  text: 'help',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:u', name: 'U' },
  recipient: { id: '28:bot', name: 'Bot' },
  conversation: { id: 'c1' },
};

async function start(env: Record<string, string>, run: (context: TurnContext) => Promise<void>) {
  const config = { ...loadConfig({ STORE_PATH: ':memory:', ...env }), port: 0 };
  const store = await memoryStore();
  const server = await startServer({ config, adapter: createAdapter(config, log), bot: { run }, health: createHealth(config, store), log });
  return { server, store };
}

function post(server: BotServer, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('HTTP server', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });

  it('when /healthz is called, then it reports version, data source and store health', async () => {
    const { server, store } = await start({}, async () => undefined);
    cleanup.push(() => server.close());
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', version: appVersion(), dataSource: 'simulated', store: { ok: true, schemaVersion: expect.any(Number) } });
    await store.close();
    const degraded = await fetch(`${server.url}/healthz`);
    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toMatchObject({ status: 'degraded', store: { ok: false } });
  });

  it('when MicrosoftAppId is set, then a POST without a valid token gets 401 and reaches no handler', async () => {
    // CloudAdapter reports rejected requests on console.error; keep the test output readable.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    cleanup.push(async () => consoleError.mockRestore());
    const run = jest.fn(async () => undefined);
    const { server } = await start({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password', MicrosoftAppTenantId: TENANT }, run);
    cleanup.push(() => server.close());
    expect(server.url).toMatch(/^http:\/\/0\.0\.0\.0:/);
    const url = server.url.replace('0.0.0.0', '127.0.0.1');
    const noToken = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
    expect(noToken.status).toBe(401);
    const forged = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' },
      body: JSON.stringify(message),
    });
    expect(forged.status).toBe(401);
    expect(run).not.toHaveBeenCalled();
  });

  it('when bot authentication is off, then the server listens on loopback only and runs turns', async () => {
    const run = jest.fn(async () => undefined);
    const { server } = await start({}, run);
    cleanup.push(() => server.close());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await post(server, JSON.stringify(message));
    expect(response.status).toBe(200);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('when the body is malformed JSON, then it gets 400 and the server keeps serving', async () => {
    const run = jest.fn(async () => undefined);
    const { server } = await start({}, run);
    cleanup.push(() => server.close());
    expect((await post(server, '{"type": "message", ')).status).toBe(400);
    expect(run).not.toHaveBeenCalled();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await post(server, JSON.stringify(message))).status).toBe(200);
  });

  it('when data is live and bot authentication is off, then the server refuses to start', async () => {
    const env = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: APP_ID, AZURE_CLIENT_SECRET: 'secret-value' };
    await expect(start(env, async () => undefined)).rejects.toMatchObject({ code: 'config.invalid', userMessage: expect.stringContaining('Refusing to start') });
  });

  it('when shutting down during a turn, then the turn finishes before the server closes and new connections are refused', async () => {
    const events: string[] = [];
    let turnStarted!: () => void;
    const started = new Promise<void>((resolve) => (turnStarted = resolve));
    let finishTurn!: () => void;
    const { server } = await start({}, async () => {
      turnStarted();
      await new Promise<void>((resolve) => (finishTurn = resolve));
      events.push('turn finished');
    });
    const inFlight = post(server, JSON.stringify(message));
    await started;
    const closing = server.close().then(() => events.push('server closed'));
    // let close() run up to its wait; it must not finish while the turn is still running
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual([]);
    finishTurn();
    await closing;
    expect(events).toEqual(['turn finished', 'server closed']);
    expect((await inFlight).status).toBe(200);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
