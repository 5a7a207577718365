import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import { answersWithout, errorOf, graphClient, type GraphCall } from './helpers';

/** Contract of Graph's service principals (microsoft-apis.md §14) on the Contoso tenant. */
const HUB = { id: 'aa5a6149-eb89-4ab1-901a-94bb469211e5', appId: '3129154c-9103-464a-b3ce-5aa3ad527e10' };
const PAYROLL = { id: 'ffead06b-6cc5-4d07-b7d3-0ccf7f408d81', appId: 'd2536bba-5e35-4be7-a496-32236aa728e8' };
const UNKNOWN = '99999999-0000-4000-8000-000000000000';

let sim: RunningSimulator;
let graph: GraphCall;
beforeAll(async () => {
  sim = await startSimulator();
  graph = await graphClient(sim);
});
afterAll(() => sim.close());

const values = (body: Record<string, unknown>) => body.value as Record<string, unknown>[];
const filtered = (filter: string) => `/servicePrincipals?$filter=${encodeURIComponent(filter)}&$select=id,appId,displayName,accountEnabled`;

describe('GET /servicePrincipals (§14)', () => {
  it("$filter=appId eq '{appId}' finds the one service principal: id = object id, appId = application (client) id", async () => {
    const { status, body } = await graph(filtered(`appId eq '${HUB.appId}'`));
    expect(status).toBe(200);
    expect(body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#servicePrincipals(id,appId,displayName,accountEnabled)');
    expect(values(body)).toEqual([{ id: HUB.id, appId: HUB.appId, displayName: 'Integration Hub', accountEnabled: true }]);
  });

  it.each([
    ["startswith(displayName,'integration')", ['Integration Hub']],
    ["startswith(displayName,'P')", ['Payroll Connector']],
    ["displayName eq 'payroll connector'", ['Payroll Connector']],
    [`appId eq '${UNKNOWN}'`, []],
  ])('$filter=%s → %j (displayName is not unique: eq / startswith)', async (filter, names) => {
    const { status, body } = await graph(filtered(filter));
    expect(status).toBe(200);
    expect(values(body).map((sp) => sp.displayName)).toEqual(names);
  });

  it('without $select: the default property set, with servicePrincipalType and servicePrincipalNames', async () => {
    const { body } = await graph(`/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${PAYROLL.appId}'`)}`);
    expect(values(body)[0]).toMatchObject({ id: PAYROLL.id, appId: PAYROLL.appId, displayName: 'Payroll Connector', servicePrincipalType: 'Application', servicePrincipalNames: [PAYROLL.appId] });
  });

  it('pages with $top and an absolute @odata.nextLink; $top above 999 is refused', async () => {
    const first = await graph('/servicePrincipals?$top=3&$select=id');
    expect(values(first.body)).toHaveLength(3);
    const second = await graph(first.body['@odata.nextLink'] as string);
    expect(values(second.body).length).toBeGreaterThan(0);
    expect((await graph('/servicePrincipals?$top=1000')).status).toBe(400);
  });

  it('an unknown property in $filter → 400 BadRequest', async () => {
    const { status, body } = await graph(filtered("favouriteColour eq 'blue'"));
    expect(status).toBe(400);
    expect(errorOf(body).message).toBe("Could not find a property named 'favouriteColour' on type 'microsoft.graph.servicePrincipal'.");
  });
});

describe("GET /servicePrincipals/{id} and /servicePrincipals(appId='{appId}') (§14)", () => {
  it('by object id and by the appId alternate key: the same service principal', async () => {
    const byId = await graph(`/servicePrincipals/${HUB.id}?$select=id,appId,displayName`);
    const byAppId = await graph(`/servicePrincipals(appId='${HUB.appId}')?$select=id,appId,displayName`);
    expect(byId.status).toBe(200);
    expect(byAppId.status).toBe(200);
    expect(byAppId.body).toEqual(byId.body);
    expect(byId.body).toMatchObject({ id: HUB.id, appId: HUB.appId, displayName: 'Integration Hub' });
  });

  it('an appId is not an object id: /servicePrincipals/{appId} → 404 Request_ResourceNotFound', async () => {
    const { status, body } = await graph(`/servicePrincipals/${HUB.appId}`);
    expect(status).toBe(404);
    expect(errorOf(body).code).toBe('Request_ResourceNotFound');
  });

  it("an unknown appId → 404 Request_ResourceNotFound (body UNVERIFIED)", async () => {
    const { status, body } = await graph(`/servicePrincipals(appId='${UNKNOWN}')`);
    expect(status).toBe(404);
    expect(errorOf(body)).toMatchObject({ code: 'Request_ResourceNotFound', message: `Resource '${UNKNOWN}' does not exist or one of its queried reference-property objects are not present.` });
  });
});

describe('permission (§14: Application.Read.All)', () => {
  it('an app without Application.Read.All is refused with 403 Authorization_RequestDenied', async () => {
    expect(await answersWithout('Application.Read.All', ['/servicePrincipals', `/servicePrincipals(appId='${HUB.appId}')`])).toEqual([
      { status: 403, code: 'Authorization_RequestDenied' },
      { status: 403, code: 'Authorization_RequestDenied' },
    ]);
  });
});
