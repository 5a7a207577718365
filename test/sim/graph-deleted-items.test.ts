import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import { ManualClock, answersWithout, errorOf, graphClient, type GraphCall } from './helpers';

/**
 * Contract of Graph's deleted users (microsoft-apis.md §13) on the Contoso tenant: Ben Carter was deleted
 * 10 days before the simulator's now (restorable), Grace Liu 45 days before (past the 30-day window: purged).
 */
const BEN = '8c6a2038-90f6-4fb8-9f31-271fe3b7b670';
const GRACE = '7f791507-8e8c-4489-8237-ab041e15ac34';
const JANE = '1bc176ac-113e-4105-a8d2-93516aa828e1';
const PRODUCTION_USERS = 'c839ec1b-13cc-4034-86b8-4b65d588e136';
const DAY = 86_400_000;
const LIST = '/directory/deletedItems/microsoft.graph.user';

const clock = new ManualClock();
let sim: RunningSimulator;
let graph: GraphCall;
beforeAll(async () => {
  sim = await startSimulator({ clock });
  graph = await graphClient(sim);
});
afterAll(() => sim.close());

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const values = (body: Record<string, unknown>) => body.value as Record<string, unknown>[];
const filtered = (filter: string, select = 'id,displayName,userPrincipalName,mail,deletedDateTime') =>
  `${LIST}?$filter=${encodeURIComponent(filter)}&$select=${select}`;

describe('GET /directory/deletedItems/microsoft.graph.user (§13)', () => {
  it('lists the users deleted within the last 30 days, with deletedDateTime, and leaves out the purged ones', async () => {
    const { status, body } = await graph(`${LIST}?$select=id,displayName,mail,deletedDateTime`);
    expect(status).toBe(200);
    expect(body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#directory/deletedItems/microsoft.graph.user(id,displayName,mail,deletedDateTime)');
    expect(values(body)).toEqual([{ id: BEN, displayName: 'Ben Carter', mail: 'ben.carter@contoso.com', deletedDateTime: isoSeconds(clock.now() - 10 * DAY) }]);
  });

  it("shows the UPN with the object id in front (Entra alters a deleted user's UPN; UNVERIFIED, §13)", async () => {
    const { body } = await graph(`${LIST}?$select=userPrincipalName`);
    expect(values(body)).toEqual([{ userPrincipalName: `${BEN.replace(/-/g, '')}ben.carter@contoso.com` }]);
  });

  it.each([
    ["startswith(displayName,'ben c')", [BEN]],
    ["startswith(mail,'BEN.CARTER@')", [BEN]],
    [`id eq '${BEN}'`, [BEN]],
    ["startswith(userPrincipalName,'ben.carter')", []],
    ["startswith(displayName,'Jane')", []],
    ["startswith(displayName,'Grace')", []],
  ])('$filter=%s → %j (displayName/mail/UPN prefix, id eq)', async (filter, ids) => {
    const { status, body } = await graph(filtered(filter));
    expect(status).toBe(200);
    expect(values(body).map((u) => u.id)).toEqual(ids);
  });

  it('refuses $top above 999 with the documented message, and pages with an absolute @odata.nextLink', async () => {
    const refused = await graph(`${LIST}?$top=1000`);
    expect(refused.status).toBe(400);
    expect(errorOf(refused.body).message).toBe("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    sim.setConfig({ unverified: { deletedUserRetentionDays: 60 } });
    try {
      const first = await graph(`${LIST}?$top=1&$select=id`);
      expect(values(first.body).map((u) => u.id)).toEqual([BEN]);
      const next = first.body['@odata.nextLink'] as string;
      expect(next.startsWith(`${sim.origin}/graph/v1.0/directory/deletedItems/microsoft.graph.user?`)).toBe(true);
      const second = await graph(next);
      expect(values(second.body).map((u) => u.id)).toEqual([GRACE]);
      expect(second.body['@odata.nextLink']).toBeUndefined();
    } finally {
      sim.setConfig({ unverified: { deletedUserRetentionDays: 30 } });
    }
  });

  it('a user leaves the list once the clock passes 30 days after the deletion (purged)', async () => {
    clock.advance(20 * DAY + 60_000);
    try {
      const { body } = await graph(`${LIST}?$select=id`);
      expect(values(body)).toEqual([]);
      expect((await graph(`/directory/deletedItems/${BEN}`)).status).toBe(404);
    } finally {
      clock.advance(-(20 * DAY + 60_000));
    }
  });

  it('without the cast: 400 Request_UnsupportedQuery, as Graph answers (the cast is a required part of the URL)', async () => {
    const { status, body } = await graph('/directory/deletedItems');
    expect(status).toBe(400);
    expect(errorOf(body)).toMatchObject({ code: 'Request_UnsupportedQuery', message: 'Searches against this resource are not supported. Only specific instances can be queried.' });
  });
});

describe('GET /directory/deletedItems/{id} (§13)', () => {
  it('returns the deleted user with @odata.type', async () => {
    const { status, body } = await graph(`/directory/deletedItems/${BEN}?$select=id,displayName,deletedDateTime`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: BEN, displayName: 'Ben Carter', deletedDateTime: isoSeconds(clock.now() - 10 * DAY) });
  });

  it.each([
    ['a live user', JANE],
    ['a purged user', GRACE],
    ['an unknown id', '99999999-0000-4000-8000-000000000000'],
  ])('%s → 404 Request_ResourceNotFound', async (_what, id) => {
    const { status, body } = await graph(`/directory/deletedItems/${id}`);
    expect(status).toBe(404);
    expect(errorOf(body).code).toBe('Request_ResourceNotFound');
  });
});

describe('a deleted user is gone from the live directory', () => {
  it('/users/{id} → 404 Request_ResourceNotFound, by id and by UPN', async () => {
    for (const key of [BEN, 'ben.carter@contoso.com']) {
      const { status, body } = await graph(`/users/${encodeURIComponent(key)}`);
      expect(status).toBe(404);
      expect(errorOf(body).code).toBe('Request_ResourceNotFound');
    }
  });

  it('/users, group members, transitive members and memberOf leave them out', async () => {
    const users = await graph(`/users?$filter=${encodeURIComponent("startswith(displayName,'Ben')")}&$select=id`);
    expect(values(users.body)).toEqual([]);
    // The fixture still lists Ben in Dataverse Production Users (Entra restores memberships with the user).
    expect(sim.state().fixture.groups.find((g) => g.id === PRODUCTION_USERS)?.members).toContain(BEN);
    for (const relation of ['members', 'transitiveMembers', 'members/microsoft.graph.user']) {
      const { status, body } = await graph(`/groups/${PRODUCTION_USERS}/${relation}?$select=id&$top=999`);
      expect(status).toBe(200);
      expect(values(body).length).toBeGreaterThan(0);
      expect(values(body).map((m) => m.id)).not.toContain(BEN);
    }
    expect((await graph(`/users/${BEN}/memberOf`)).status).toBe(404);
  });
});

describe('permission (§13: User.Read.All)', () => {
  it('an app without User.Read.All is refused with 403 Authorization_RequestDenied', async () => {
    expect(await answersWithout('User.Read.All', [LIST, `/directory/deletedItems/${BEN}`])).toEqual([
      { status: 403, code: 'Authorization_RequestDenied' },
      { status: 403, code: 'Authorization_RequestDenied' },
    ]);
  });
});
