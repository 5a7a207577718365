/**
 * Broken bodies to POST /api/messages over real HTTP, against the real bot (server, CloudAdapter,
 * TeamsBot, router) on the simulated tenant: each gets a 4xx, reaches no handler, calls no
 * Microsoft API, and the server keeps serving.
 */
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startBot, type RunningBot } from '../../src/http/start-bot';
import { microsoftCalls, OTHER_TENANT } from './helpers/watch';

const FAST = { latencyMs: 0, jitterMs: 0 };

let running: RunningBot;
beforeAll(async () => {
  const config = { ...loadConfig({ DATA_SOURCE: 'simulated', STORE_PATH: ':memory:', LOG_LEVEL: 'silent' }), port: 0 };
  running = await startBot(config, { log: pino({ level: 'silent' }), simulator: { config: { graph: FAST, bap: FAST, dataverse: FAST } } });
});
afterAll(async () => {
  await running.close(1_000);
});

const post = (body: string | Buffer, contentType = 'application/json') =>
  fetch(`${running.server.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

const sim = () => {
  const simulator = running.app.simulated?.running;
  if (!simulator) throw new Error('needs the in-process simulator');
  return simulator;
};

const invoke = (overrides: Record<string, unknown> = {}) => ({
  type: 'invoke',
  name: 'adaptiveCard/action',
  id: 'inv-1',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:x', name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' },
  recipient: { id: '28:bot', name: 'Bot' },
  conversation: { id: 'a:http', tenantId: running.app.config.tenantId },
  channelData: { tenant: { id: running.app.config.tenantId } },
  value: { action: { type: 'Action.Execute', verb: 'no.such-verb', data: {} } },
  ...overrides,
});

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

const BODIES: [name: string, body: string | Buffer][] = [
  ['truncated JSON', '{"type":"message","text":"help"'],
  ['not JSON at all', "why can't Jane access UAT"],
  ['an empty body', ''],
  ['JSON null', 'null'],
  ['a JSON array', '[{"type":"message","text":"help"}]'],
  ['a JSON string', '"help"'],
  ['JSON nested 100,000 levels deep', deep(100_000)],
  ['an object without a type', '{"text":"help"}'],
  ['an empty type', '{"type":"","text":"help"}'],
  ['a numeric type', '{"type":1,"text":"help"}'],
  ['invalid UTF-8 bytes', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
];

describe('malformed requests to /api/messages over HTTP', () => {
  it.each(BODIES)('%s → refused, no handler, no Microsoft call, server keeps serving', async (_name, body) => {
    const before = microsoftCalls(sim());
    const response = await post(body);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(microsoftCalls(sim())).toEqual(before);
    expect((await fetch(`${running.server.url}/healthz`)).status).toBe(200);
  });

  it.each(BODIES)('%s → a 4xx status', async (_name, body) => {
    const response = await post(body);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('an activity without a type gets 400 with a body that says what is missing', async () => {
    const response = await post('{"text":"help","from":{"id":"29:x"}}');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'BadRequest', message: 'The activity has no "type" (e.g. "message" or "invoke").' } });
  });

  it('a body over 1 MB is refused with 413', async () => {
    const response = await post(JSON.stringify({ type: 'message', text: 'x'.repeat(2 * 1024 * 1024) }));
    expect(response.status).toBe(413);
  });

  it('a well-formed card click with an unknown verb gets a clear answer in the invoke response', async () => {
    const response = await post(JSON.stringify(invoke()));
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toMatch(/I don't know the button action \\"no.such-verb\\", so I did nothing/);
  });

  it('a card click from another tenant gets the polite refusal and calls nothing', async () => {
    const before = microsoftCalls(sim());
    const response = await post(JSON.stringify(invoke({
      conversation: { id: 'a:http-other', tenantId: OTHER_TENANT },
      channelData: { tenant: { id: OTHER_TENANT } },
      value: { action: { type: 'Action.Execute', verb: 'diagnose.sync', data: {} } },
    })));
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toMatch(/only work for the organisation that installed me/);
    expect(microsoftCalls(sim())).toEqual(before);
  });
});
