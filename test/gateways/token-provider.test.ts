import type { TokenCredential } from '@azure/identity';
import { AppError } from '../../src/errors';
import { createTokenProvider } from '../../src/gateways/auth/token-provider';
import { retryDelayMs, parseRetryAfter } from '../../src/gateways/http/retry-after';
import { startHarness, testConfig, type Harness } from './helpers/sim-gateways';

const GRAPH = 'https://graph.microsoft.com/.default';

describe('createTokenProvider', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('when a live credential is used, then its token is cached per scope until 5 minutes before its expiry', async () => {
    let clock = 1_000_000;
    const scopes: string[] = [];
    const credential: TokenCredential = {
      getToken: async (scope) => {
        scopes.push(String(scope));
        return { token: `t${scopes.length}`, expiresOnTimestamp: clock + 60 * 60 * 1000 };
      },
    };
    const provider = createTokenProvider(testConfig(h.sim), { credential, now: () => clock });

    expect(await provider.getToken(GRAPH)).toBe('t1');
    expect(await provider.getToken(GRAPH)).toBe('t1');
    clock += 56 * 60 * 1000;
    expect(await provider.getToken(GRAPH)).toBe('t2');
    expect(scopes).toEqual([GRAPH, GRAPH]);
  });

  it('when the live credential fails, then auth.token with a user-safe message and no secret', async () => {
    const credential: TokenCredential = {
      getToken: async () => {
        throw new Error('ClientSecretCredential authentication failed: AADSTS7000215: Invalid client secret provided.');
      },
    };
    const provider = createTokenProvider(testConfig(h.sim, { clientId: h.sim.demoClient.clientId, clientSecret: 'live-secret-never-shown' }), { credential });

    const error = (await provider.getToken(GRAPH).catch((e: unknown) => e)) as AppError;

    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('auth.token');
    expect(error.userMessage).toBe('The bot could not get an access token for https://graph.microsoft.com. Check its app registration (client id, secret or certificate, tenant id).');
    expect(error.message).toContain('AADSTS7000215');
    expect(`${error.userMessage} ${error.message}`).not.toContain('live-secret-never-shown');
  });

  it('when the live authority host is plain http, then config.invalid at start-up', () => {
    expect(() => createTokenProvider(testConfig(h.sim))).toThrow(expect.objectContaining({ code: 'config.invalid' }));
  });

  it('when simulated mode is asked for with a certificate credential, then config.invalid', () => {
    const config = testConfig(h.sim);
    const withCertificate = { ...config, microsoft: { ...config.microsoft, credential: { kind: 'certificate' as const, tenantId: h.sim.tenantId, clientId: 'x', certificatePath: '/nope.pem' } } };
    expect(() => createTokenProvider(withCertificate, { simulatorTokenUrl: h.sim.urls.token })).toThrow(expect.objectContaining({ code: 'config.invalid' }));
  });

  it('when the simulated token endpoint issues a token, then it is the audience-bound token the simulator accepts', async () => {
    const provider = createTokenProvider(testConfig(h.sim), { simulatorTokenUrl: h.sim.urls.token });
    const token = await provider.getToken('https://service.powerapps.com/.default');
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { aud: string; tid: string };
    expect(payload).toMatchObject({ aud: 'https://service.powerapps.com/', tid: h.sim.tenantId });
  });
});

describe('retry timing', () => {
  const policy = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 60_000 };

  it('when Retry-After is given in seconds or as a date, then it is honoured and capped', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(retryDelayMs(0, 7000, policy)).toBe(7000);
    expect(retryDelayMs(0, 3_600_000, policy)).toBe(60_000);
  });

  it('when no Retry-After is given, then the wait doubles per attempt with jitter between half and all of the step', () => {
    expect(retryDelayMs(0, undefined, policy, () => 0)).toBe(500);
    expect(retryDelayMs(0, undefined, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(3, undefined, policy, () => 0)).toBe(4000);
    expect(retryDelayMs(10, undefined, policy, () => 1)).toBe(60_000);
  });
});
