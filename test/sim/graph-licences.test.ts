import { readFileSync } from 'node:fs';
import { CONTOSO_FIXTURE_PATH, startSimulator, type RunningSimulator } from '../../src/sim/server';
import type { TenantFixture } from '../../src/sim/model';
import { ManualClock, errorOf, graphClient, type GraphCall } from './helpers';

/** Licences in the simulated Graph (§12), on the Contoso tenant; group-based licensing runs when the test lets the clock go. */

const PREMIUM = 'b30411f5-fea1-4a59-9ad9-3db7c7ead579';
const PER_APP = 'b4d7b828-e8dc-4518-91f9-e123ae48440d';
const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const LICENSING_GROUP = '465cd8f8-8d5d-46a7-b309-8de22975267a';
const FINANCIAL_COORDINATORS = '41ad82d2-14ea-494f-bd07-e4277b0ceea5';
const UAT_ACCESS = 'b334d23a-c075-4b09-a359-4e9089de4a59';

type Obj = Record<string, unknown>;
const values = (body: Obj): Obj[] => body.value as Obj[];

let sim: RunningSimulator;
let graph: GraphCall;
let clock: ManualClock;
const idOf = (upn: string) => sim.state().fixture.users.find((u) => u.userPrincipalName === upn)?.id ?? '';
const user = (upn: string) => graph(`/users/${idOf(upn)}?$select=assignedLicenses,licenseAssignmentStates,usageLocation`);
const consumed = async (skuId: string) => ((values((await graph('/subscribedSkus')).body).find((s) => s.skuId === skuId) as Obj).consumedUnits as number);
const assign = (upn: string, body: unknown) => graph(`/users/${idOf(upn)}/assignLicense`, { method: 'POST', body });

beforeEach(async () => {
  clock = new ManualClock();
  const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
  fixture.generators = [];
  sim = await startSimulator({ fixture, clock, config: { groupLicensingDelayMs: 60_000 } });
  graph = await graphClient(sim);
});
afterEach(() => sim.close());

describe('simulated Graph: licence reads (§12)', () => {
  it('when a user inherits a licence from a group, then licenseAssignmentStates names the group and assignedLicenses lists it once', async () => {
    const zoe = (await user('zoe.muller@contoso.com')).body;
    expect(zoe.assignedLicenses).toEqual([{ disabledPlans: [], skuId: PREMIUM }]);
    expect(zoe.licenseAssignmentStates).toEqual([{ assignedByGroup: LICENSING_GROUP, disabledPlans: [], error: null, lastUpdatedDateTime: null, skuId: PREMIUM, state: 'Active' }]);
    expect(zoe.usageLocation).toBe('US');
    expect((await user('fatima.khan_fabrikam.com#EXT#@contoso.onmicrosoft.com')).body.usageLocation).toBeNull();
  });

  it('when groups are filtered by an assigned SKU, then only the licensing group answers, with its licences on $select', async () => {
    const filter = encodeURIComponent(`assignedLicenses/any(x:x/skuId eq ${PREMIUM})`);
    const { status, body } = await graph(`/groups?$filter=${filter}&$select=id,displayName,assignedLicenses`);
    expect(status).toBe(200);
    expect(values(body)).toEqual([{ id: LICENSING_GROUP, displayName: 'Power Apps Premium Licensing', assignedLicenses: [{ disabledPlans: [], skuId: PREMIUM }] }]);
    expect(values((await graph(`/groups?$filter=${encodeURIComponent(`assignedLicenses/any(x:x/skuId eq ${E3})`)}`)).body)).toEqual([]);
    expect((await graph(`/groups/${LICENSING_GROUP}?$select=assignedLicenses`)).body.assignedLicenses).toEqual([{ disabledPlans: [], skuId: PREMIUM }]);
    expect((await graph(`/groups/${UAT_ACCESS}`)).body).not.toHaveProperty('assignedLicenses');
  });
});

describe('simulated Graph: POST /users/{id}/assignLicense (§12)', () => {
  it('when a free unit exists, then the user gets the licence at once (200 + user) and the SKU counts one more consumed unit', async () => {
    const before = await consumed(PREMIUM);
    const reply = await assign('lucas.martin@contoso.com', { addLicenses: [{ skuId: PREMIUM, disabledPlans: [] }], removeLicenses: [] });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: idOf('lucas.martin@contoso.com'), userPrincipalName: 'lucas.martin@contoso.com' });
    expect((await user('lucas.martin@contoso.com')).body.licenseAssignmentStates).toContainEqual(expect.objectContaining({ skuId: PREMIUM, assignedByGroup: null, state: 'Active' }));
    expect(await consumed(PREMIUM)).toBe(before + 1);
    // Assigning it again changes nothing and uses no unit; assigning directly what a group gives uses none either.
    expect((await assign('lucas.martin@contoso.com', { addLicenses: [{ skuId: PREMIUM }], removeLicenses: [] })).status).toBe(200);
    expect((await assign('zoe.muller@contoso.com', { addLicenses: [{ skuId: PREMIUM }], removeLicenses: [] })).status).toBe(200);
    expect(await consumed(PREMIUM)).toBe(before + 1);
  });

  it('when the user has no usage location, then Graph refuses with 400 Request_BadRequest and changes nothing', async () => {
    const reply = await assign('fatima.khan_fabrikam.com#EXT#@contoso.onmicrosoft.com', { addLicenses: [{ skuId: PREMIUM, disabledPlans: [] }], removeLicenses: [] });
    expect(reply.status).toBe(400);
    expect(errorOf(reply.body)).toMatchObject({ code: 'Request_BadRequest', message: 'License assignment cannot be done for user with invalid usage location.' });
    expect((await user('fatima.khan_fabrikam.com#EXT#@contoso.onmicrosoft.com')).body.assignedLicenses).toEqual([]);
  });

  it('when every unit of the SKU is in use, then Graph refuses: "does not have any available licenses"', async () => {
    const reply = await assign('lucas.martin@contoso.com', { addLicenses: [{ skuId: PER_APP, disabledPlans: [] }], removeLicenses: [] });
    expect(reply.status).toBe(400);
    expect(errorOf(reply.body).code).toBe('Request_BadRequest');
    expect(errorOf(reply.body).message).toContain('does not have any available licenses');
  });

  it('when a group-inherited licence is removed directly, then Graph refuses it; a direct one goes and frees its unit', async () => {
    const inherited = await assign('zoe.muller@contoso.com', { addLicenses: [], removeLicenses: [PREMIUM] });
    expect(inherited.status).toBe(400);
    expect(errorOf(inherited.body).message).toBe('User license is inherited from a group membership and it cannot be removed directly from the user.');
    const before = await consumed(PREMIUM);
    expect((await assign('avery.brooks@contoso.com', { addLicenses: [], removeLicenses: [PREMIUM] })).status).toBe(200);
    expect(await consumed(PREMIUM)).toBe(before - 1);
  });

  it('when the body lacks removeLicenses or names a plan the SKU lacks, then it is a 400 and nothing changes', async () => {
    expect((await assign('lucas.martin@contoso.com', { addLicenses: [{ skuId: PREMIUM }] })).status).toBe(400);
    expect((await assign('lucas.martin@contoso.com', { addLicenses: [{ skuId: PREMIUM, disabledPlans: ['4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14'] }], removeLicenses: [] })).status).toBe(400);
    expect((await user('lucas.martin@contoso.com')).body.assignedLicenses).not.toContainEqual(expect.objectContaining({ skuId: PREMIUM }));
  });
});

describe('simulated Graph: group-based licensing (§12)', () => {
  it('when a group gets a licence, then Graph answers 202 and its direct members hold it only after the licensing delay', async () => {
    const reply = await graph(`/groups/${FINANCIAL_COORDINATORS}/assignLicense`, { method: 'POST', body: { addLicenses: [{ skuId: PREMIUM, disabledPlans: [] }], removeLicenses: [] } });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ id: FINANCIAL_COORDINATORS, displayName: 'Financial Coordinators' });
    const lucas = () => user('lucas.martin@contoso.com').then((r) => r.body.licenseAssignmentStates as Obj[]);
    expect(await lucas()).not.toContainEqual(expect.objectContaining({ skuId: PREMIUM }));
    expect(clock.scheduled.filter((t) => t.state === 'pending').map((t) => t.delayMs)).toEqual([60_000]);
    clock.runScheduled();
    expect(await lucas()).toContainEqual(expect.objectContaining({ skuId: PREMIUM, assignedByGroup: FINANCIAL_COORDINATORS, state: 'Active' }));
  });

  it('when a group assigns a SKU with no unit free, then its members get state Error CountViolation and no licence', async () => {
    await graph(`/groups/${FINANCIAL_COORDINATORS}/assignLicense`, { method: 'POST', body: { addLicenses: [{ skuId: PER_APP, disabledPlans: [] }], removeLicenses: [] } });
    clock.runScheduled();
    const lucas = (await user('lucas.martin@contoso.com')).body;
    expect(lucas.licenseAssignmentStates).toContainEqual(expect.objectContaining({ skuId: PER_APP, assignedByGroup: FINANCIAL_COORDINATORS, state: 'Error', error: 'CountViolation' }));
    expect(lucas.assignedLicenses).not.toContainEqual(expect.objectContaining({ skuId: PER_APP }));
  });

  it('when someone joins or leaves a licensing group, then the licence follows after the delay, whatever their usage location', async () => {
    const fatima = idOf('fatima.khan_fabrikam.com#EXT#@contoso.onmicrosoft.com');
    expect((await graph(`/groups/${LICENSING_GROUP}/members/$ref`, { method: 'POST', body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${fatima}` } })).status).toBe(204);
    expect((await user('fatima.khan_fabrikam.com#EXT#@contoso.onmicrosoft.com')).body.assignedLicenses).toEqual([]);
    clock.runScheduled();
    expect((await user('fatima.khan_fabrikam.com#EXT#@contoso.onmicrosoft.com')).body.assignedLicenses).toEqual([{ disabledPlans: [], skuId: PREMIUM }]);
    expect((await graph(`/groups/${LICENSING_GROUP}/members/${fatima}/$ref`, { method: 'DELETE' })).status).toBe(204);
    clock.runScheduled();
    expect((await user('fatima.khan_fabrikam.com#EXT#@contoso.onmicrosoft.com')).body.assignedLicenses).toEqual([]);
  });

  it('when a group licence is given to a Microsoft 365 group, then it is refused; removing a non-member is 404 Request_ResourceNotFound', async () => {
    const m365 = sim.state().fixture.groups.find((g) => g.kind === 'm365')?.id ?? '';
    expect((await graph(`/groups/${m365}/assignLicense`, { method: 'POST', body: { addLicenses: [{ skuId: PREMIUM }], removeLicenses: [] } })).status).toBe(400);
    const gone = await graph(`/groups/${LICENSING_GROUP}/members/${idOf('lucas.martin@contoso.com')}/$ref`, { method: 'DELETE' });
    expect(gone.status).toBe(404);
    expect(errorOf(gone.body).code).toBe('Request_ResourceNotFound');
  });
});
