/**
 * Hostile requests to POST /api/messages with Bot Framework authentication on, over real HTTP:
 * tokens signed by a key of this test's own OpenID metadata (the server and botbuilder both read it),
 * so every way a token can be wrong is tried for real. Each refusal is a 401 with no detail and one
 * structured log line (no stack), an unauthenticated body is never read, and floods are summarised.
 */
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { createHealth } from '../../src/http/health';
import { startServer, type BotServer } from '../../src/http/server';
import { memoryStore } from '../helpers/stores';

const APP_ID = '22222222-2222-2222-2222-222222222222';
const TENANT = '11111111-1111-1111-1111-111111111111';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function token(claims: Record<string, unknown> = {}, options: { alg?: string; kid?: string; key?: KeyObject; hmacSecret?: string } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: options.alg ?? 'RS256', kid: options.kid ?? 'test-key', typ: 'JWT' };
  const body = { iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 60, exp: now + 3600, ...claims };
  const input = `${b64(header)}.${b64(body)}`;
  if (options.hmacSecret !== undefined) return `${input}.${createHmac('sha256', options.hmacSecret).update(input).digest('base64url')}`;
  if (header.alg === 'none') return `${input}.`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(options.key ?? signing.privateKey).toString('base64url')}`;
}

const activity = (overrides: Record<string, unknown> = {}) => ({
  type: 'message', id: 'act-1', text: 'help', channelId: 'msteams', serviceUrl: SERVICE_URL,
  from: { id: '29:u', name: 'U' }, recipient: { id: '28:bot', name: 'Bot' }, conversation: { id: 'c1', tenantId: TENANT }, ...overrides,
});

describe('Bot Framework authentication on POST /api/messages', () => {
  let metadata: Server;
  let server: BotServer;
  let clock = Date.now();
  const logs: Record<string, unknown>[] = [];
  const run = jest.fn(async () => undefined);
  const consoleError = jest.spyOn(console, 'error');

  const post = (body: string, authorization?: string) =>
    fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body });

  beforeAll(async () => {
    // This test's OpenID metadata: one RSA key, endorsed for Teams, as Bot Framework publishes them.
    metadata = createServer((req, res) => {
      const origin = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/openid') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${origin}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      else res.end(JSON.stringify({ keys: [{ ...signing.publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', endorsements: ['msteams'] }] }));
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
    const openIdMetadataUrl = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/openid`;
    const config = { ...loadConfig({ STORE_PATH: ':memory:', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password', MicrosoftAppTenantId: TENANT, HOST: '127.0.0.1' }), port: 0 };
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT,
      ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl, ToBotFromChannelTokenIssuer: ISSUER, ValidateAuthority: true,
      ToChannelFromBotLoginUrl: `https://login.microsoftonline.com/${TENANT}`, ToChannelFromBotOAuthScope: ISSUER,
    } as ConfigurationBotFrameworkAuthenticationOptions));
    const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
    server = await startServer({
      config, adapter, bot: { run }, health: createHealth(config, await memoryStore()), log,
      authentication: { openIdMetadataUrl, failures: { perWindow: 12, windowMs: 60_000, now: () => clock } },
    });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => metadata.close(resolve));
    consoleError.mockRestore();
  });

  it('listens where HOST says when authentication is on', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('runs the turn for a valid Teams token (the same keys botbuilder checks again)', async () => {
    const response = await post(JSON.stringify(activity()), `Bearer ${token()}`);
    expect(response.status).toBe(200);
    expect(run).toHaveBeenCalledTimes(1);
  });

  const now = Math.floor(Date.now() / 1000);
  const CASES: [reason: string, authorization: () => string | undefined, body: Record<string, unknown>][] = [
    ['missing', () => undefined, {}],
    ['malformed', () => 'Basic YWRtaW46YWRtaW4=', {}],
    ['signature', () => `Bearer ${token({}, { key: stranger.privateKey })}`, {}],
    ['algorithm', () => `Bearer ${token({}, { alg: 'HS256', hmacSecret: signing.publicKey.export({ type: 'spki', format: 'pem' }).toString() })}`, {}],
    ['algorithm', () => `Bearer ${token({}, { alg: 'none' })}`, {}],
    ['not-before', () => `Bearer ${token({ nbf: now + 3600 })}`, {}],
    ['expired', () => `Bearer ${token({ exp: now - 3600 })}`, {}],
    ['audience', () => `Bearer ${token({ aud: '33333333-3333-3333-3333-333333333333' })}`, {}],
    ['issuer', () => `Bearer ${token({ iss: 'https://sts.windows.net/attacker/' })}`, {}],
    ['unknown-key', () => `Bearer ${token({}, { kid: 'someone-else' })}`, {}],
    ['service-url', () => `Bearer ${token({ serviceurl: 'https://evil.example/' })}`, {}],
    ['endorsement', () => `Bearer ${token()}`, { channelId: 'webchat' }],
  ];

  it.each(CASES)('refuses a token that fails on %s: 401, no detail, one log line without a stack, no turn', async (reason, authorization, overrides) => {
    const before = { logs: logs.length, runs: run.mock.calls.length };
    const response = await post(JSON.stringify(activity(overrides)), authorization());
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('');
    expect(run.mock.calls.length).toBe(before.runs);
    const lines = logs.slice(before.logs);
    expect(lines).toEqual([expect.objectContaining({ level: 40, auth: { reason, path: '/api/messages' } })]);
    expect(JSON.stringify(lines)).not.toMatch(/stack|Bearer|eyJ/);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('refuses an unauthenticated request before reading its body: broken JSON and 2 MB both get the 401, not a 400 or 413', async () => {
    expect((await post('{"type": "message", ')).status).toBe(401);
    expect((await post(JSON.stringify({ type: 'message', text: 'x'.repeat(2 * 1024 * 1024) }))).status).toBe(401);
    expect((await post('{"text":"no type"}', `Bearer ${token()}`)).status).toBe(400); // authenticated: now the body counts
  });

  it('logs a flood of refusals one by one up to a limit, then as one summary line per minute', async () => {
    clock += 61_000; // a fresh window
    const before = logs.length;
    for (let i = 0; i < 40; i += 1) await post('{}', i % 2 === 0 ? undefined : `Bearer ${token({ aud: 'x' })}`);
    expect(logs.slice(before).filter((l) => (l.auth as { reason?: string }).reason)).toHaveLength(12);
    clock += 61_000;
    await post('{}');
    const summary = logs.filter((l) => (l.auth as { suppressed?: number } | undefined)?.suppressed !== undefined).pop();
    expect(summary).toMatchObject({ auth: { suppressed: 28, byReason: { missing: 14, audience: 14 }, windowSeconds: 60 } });
  });
});
