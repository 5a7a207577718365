/**
 * CLOUD through the real code path: loadConfig → createTokenProvider (live, with a recording credential)
 * → createGateways. The simulator plays a public-cloud tenant only (its token endpoint issues public
 * audiences), so here a recording fetch stands in for the government hosts: what is asserted is where
 * each request goes and which token scope the credential was asked for, not how Microsoft answers.
 */
import type { TokenCredential } from '@azure/identity';
import { loadConfig } from '../../src/config';
import { AppError } from '../../src/errors';
import { createTokenProvider } from '../../src/gateways/auth/token-provider';
import { createGateways } from '../../src/gateways/create-gateways';

const TENANT = '11111111-1111-1111-1111-111111111111';
const CLIENT = '33333333-3333-3333-3333-333333333333';
const ENVIRONMENT = 'ceb11b53-d685-4c77-9a64-37b481898617';
const JANE = '1bc176ac-113e-4105-a8d2-93516aa828e1';

interface Sent {
  url: string;
  authorization: string | null;
}

/** A live bot in `cloud` whose credential issues `token:<scope>` and whose network records every request. */
function liveBot(env: Record<string, string>) {
  const config = loadConfig({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: 'not-a-real-secret', ...env });
  const scopesAsked: string[] = [];
  const credential: TokenCredential = {
    getToken: async (scope) => {
      scopesAsked.push(String(scope));
      return { token: `token:${String(scope)}`, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  const sent: Sent[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    sent.push({ url, authorization: new Headers(init?.headers).get('authorization') });
    if (url.includes('/v1.0/')) return Response.json({ error: { code: 'Request_ResourceNotFound', message: 'not found' } }, { status: 404 });
    return Response.json({ value: [] }, { status: 200 });
  };
  const tokenProvider = createTokenProvider(config, { credential });
  const gateways = createGateways(config, { tokenProvider, fetch: recordingFetch, retryPolicy: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
  return { config, gateways, scopesAsked, sent };
}

describe('sovereign clouds: each request carries a token for its own cloud', () => {
  it.each<[string, string, string]>([
    ['public', 'https://api.bap.microsoft.com', 'https://service.powerapps.com/.default'],
    ['usgov', 'https://gov.api.bap.microsoft.us', 'https://gov.service.powerapps.us/.default'],
    ['gcc', 'https://gov.api.bap.microsoft.us', 'https://gov.service.powerapps.us/.default'],
    ['usgovhigh', 'https://high.api.bap.microsoft.us', 'https://high.service.powerapps.us/.default'],
    ['dod', 'https://api.bap.appsplatform.us', 'https://service.apps.appsplatform.us/.default'],
    ['china', 'https://api.bap.partner.microsoftonline.cn', 'https://service.powerapps.cn/.default'],
  ])('when CLOUD=%s lists environments and syncs a user, then BAP at %s gets a token for %s', async (cloud, host, scope) => {
    const bot = liveBot({ CLOUD: cloud });

    await bot.gateways.powerPlatform.listEnvironments();
    await bot.gateways.powerPlatform.addUser(ENVIRONMENT, JANE);

    expect(bot.scopesAsked).toEqual([scope]);
    expect(bot.sent.map((s) => s.url)).toEqual([
      `${host}/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2023-06-01&$expand=properties.addons`,
      `${host}/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${ENVIRONMENT}/addUser?api-version=2023-06-01`,
    ]);
    expect(bot.sent.every((s) => s.authorization === `Bearer token:${scope}`)).toBe(true);
  });

  it('when CLOUD=usgovhigh looks a person up, then Graph at graph.microsoft.us gets a graph.microsoft.us token', async () => {
    const bot = liveBot({ CLOUD: 'usgovhigh' });

    await expect(bot.gateways.graph.getUser(JANE)).resolves.toBeNull();

    expect(bot.scopesAsked).toEqual(['https://graph.microsoft.us/.default']);
    expect(bot.sent).toHaveLength(1);
    expect(bot.sent[0]?.url.startsWith(`https://graph.microsoft.us/v1.0/users/${JANE}`)).toBe(true);
    expect(bot.sent[0]?.authorization).toBe('Bearer token:https://graph.microsoft.us/.default');
  });

  it('when CLOUD=usgovhigh reads a GCC High Dataverse, then the token is for that instance', async () => {
    const bot = liveBot({ CLOUD: 'usgovhigh' });

    await expect(bot.gateways.dataverse.findSystemUser('https://contoso.crm.microsoftdynamics.us/', JANE)).resolves.toBeNull();

    expect(bot.scopesAsked).toEqual(['https://contoso.crm.microsoftdynamics.us/.default']);
    expect(bot.sent[0]?.url.startsWith('https://contoso.crm.microsoftdynamics.us/api/data/v9.2/systemusers?')).toBe(true);
  });

  it('when CLOUD=usgovhigh meets a public-cloud Dataverse address, then auth.token names CLOUD and nothing is asked or sent', async () => {
    const bot = liveBot({ CLOUD: 'usgovhigh' });

    const error = (await bot.gateways.dataverse.findSystemUser('https://contoso.crm.dynamics.com/', JANE).catch((e: unknown) => e)) as AppError;

    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('auth.token');
    expect(error.userMessage).toContain('US Government (GCC High) cloud (CLOUD=usgovhigh)');
    expect(error.userMessage).toContain('https://contoso.crm.dynamics.com');
    expect(bot.scopesAsked).toEqual([]);
    expect(bot.sent).toEqual([]);
  });

  it('when BAP_AUDIENCE overrides the GCC audience, then BAP and only BAP is asked for with it', async () => {
    const bot = liveBot({ CLOUD: 'gcc', BAP_AUDIENCE: 'https://service.powerapps.us/' });

    await bot.gateways.powerPlatform.listEnvironments();
    await bot.gateways.graph.getUser(JANE);

    expect(bot.scopesAsked).toEqual(['https://service.powerapps.us/.default', 'https://graph.microsoft.com/.default']);
    expect(bot.sent.map((s) => new URL(s.url).host)).toEqual(['gov.api.bap.microsoft.us', 'graph.microsoft.com']);
  });
});
