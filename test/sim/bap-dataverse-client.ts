import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/sim/server';

/** Test helper for the BAP / Dataverse tests: tokens, requests and look-ups in the Contoso tenant by name. */
export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

export const API_VERSION = '2019-05-01';
export const ENVIRONMENTS = '/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments';
export const REPORTING_APP = { clientId: '2a9e7c41-6b3d-4f8a-b15e-d4c3a2b1f0e9', clientSecret: 'reporting-client-secret-not-a-real-secret' };

export async function startContoso(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ ...options, config: { provisioningDelayMs: 0, ...options.config } });
}

export async function tokenFor(sim: RunningSimulator, scope: string, client = sim.demoClient): Promise<string> {
  const response = await fetch(sim.urls.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope }).toString(),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token for ${scope}: ${JSON.stringify(body)}`);
  return body.access_token;
}

export const bapToken = (sim: RunningSimulator, client = sim.demoClient): Promise<string> => tokenFor(sim, 'https://service.powerapps.com/.default', client);
export const dataverseToken = (sim: RunningSimulator, org: string, client = sim.demoClient): Promise<string> =>
  tokenFor(sim, `${sim.urls.dataverse(org).replace(/\/$/, '')}/.default`, client);

export async function call(url: string, token: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export function addUserUrl(sim: RunningSimulator, environmentId: string): string {
  return `${sim.urls.bap}${ENVIRONMENTS}/${environmentId}/addUser?api-version=${API_VERSION}`;
}

export function userId(sim: RunningSimulator, upn: string): string {
  const user = sim.state().fixture.users.find((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase());
  if (!user) throw new Error(`no user ${upn}`);
  return user.id;
}

export function environment(sim: RunningSimulator, displayName: string) {
  const env = sim.state().fixture.environments.find((e) => e.displayName === displayName);
  if (!env) throw new Error(`no environment ${displayName}`);
  return env;
}

export function systemUserOf(sim: RunningSimulator, environmentName: string, objectId: string) {
  return environment(sim, environmentName).dataverse?.systemUsers.filter((row) => row.azureObjectId?.toLowerCase() === objectId.toLowerCase()) ?? [];
}

/** The `errors`/`information` document inside BAP's "The request failed with error: '…'" wrapper. */
export function innerSyncResult(body: unknown): { errors: { Subject: string; Description: string | null; Code: string | null }[]; information: { Description: string }[] } {
  const message = (body as { error: { message: string } }).error.message;
  const match = /^The request failed with error: '(.*)'\. The tracking Id is '[0-9a-f-]{36}'\.$/s.exec(message);
  if (!match?.[1]) throw new Error(`not a wrapped sync error: ${message}`);
  return JSON.parse(match[1]) as ReturnType<typeof innerSyncResult>;
}

/** Starts Contoso for a test file (beforeAll/afterAll) with a Dataverse token and the Web API base of `org`. */
export function useContosoDataverse(org: string): { sim: RunningSimulator; token: string; base: string } {
  const t = {} as { sim: RunningSimulator; token: string; base: string };
  beforeAll(async () => {
    t.sim = await startContoso();
    t.token = await dataverseToken(t.sim, org);
    t.base = `${t.sim.urls.dataverse(org)}api/data/v9.2/`;
  });
  afterAll(() => t.sim.close());
  return t;
}
