import { IDS, ManualClock, errorOf, useSmallGraph } from './helpers';

/** Token buckets refill only when the test advances this clock, so a batch's throttling does not depend on how fast it ran. */
const clock = new ManualClock();
const t = useSmallGraph(undefined, clock);
beforeEach(() => t.sim.reset());

type Obj = Record<string, unknown>;
const responses = (body: Obj): Obj[] => body.responses as Obj[];
const control = (path: string, body: unknown): Promise<Response> =>
  fetch(`${t.sim.origin}/_sim${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /$batch', () => {
  it('runs each relative request through the Graph handlers and returns { responses: [{ id, status, headers, body }] }', async () => {
    const { status, body } = await t.graph('/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: '1', method: 'GET', url: `/users/${IDS.jan}?$select=id,accountEnabled` },
          { id: '2', method: 'GET', url: '/users/99999999-0000-4000-8000-000000000000' },
          { id: '3', method: 'GET', url: '/users?$search="displayName:zo"&$select=displayName', headers: { ConsistencyLevel: 'eventual' } },
          { id: '4', method: 'POST', url: `/users/${IDS.zoe}/checkMemberGroups`, headers: { 'Content-Type': 'application/json' }, body: { groupIds: [IDS.envAccess] } },
        ],
      },
    });
    expect(status).toBe(200);
    const [one, two, three, four] = responses(body);
    expect(one).toMatchObject({ id: '1', status: 200, body: { id: IDS.jan, accountEnabled: true } });
    expect(two).toMatchObject({ id: '2', status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
    expect((three?.body as Obj).value).toEqual([{ displayName: 'Zoë Müller' }]);
    expect(four).toMatchObject({ status: 200, body: { value: [IDS.envAccess] } });
    expect((one?.headers as Obj)['Content-Type']).toMatch(/^application\/json/);
  });

  it.each([
    ['more than 20 requests', Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users' }))],
    ['duplicate ids', [{ id: 'a', method: 'GET', url: '/users' }, { id: 'a', method: 'GET', url: '/groups' }]],
    ['a body without headers', [{ id: 'a', method: 'POST', url: `/users/${IDS.jan}/checkMemberGroups`, body: { groupIds: [] } }]],
    ['dependsOn an unknown id', [{ id: 'a', method: 'GET', url: '/users', dependsOn: ['z'] }]],
    ['a missing url', [{ id: 'a', method: 'GET' }]],
  ])('rejects %s with 400 BadRequest', async (_name, requests) => {
    const { status, body } = await t.graph('/$batch', { method: 'POST', body: { requests } });
    expect(status).toBe(400);
    expect(errorOf(body).code).toBe('BadRequest');
  });

  it('a failed dependency gives 424 to the dependent request', async () => {
    const { body } = await t.graph('/$batch', {
      method: 'POST',
      body: { requests: [{ id: '1', method: 'GET', url: '/users/nobody@fabrikam.test' }, { id: '2', method: 'GET', url: '/users', dependsOn: ['1'] }] },
    });
    expect(responses(body).map((r) => r.status)).toEqual([404, 424]);
  });

  it('counts and throttles every item on its own (429 items carry Retry-After)', async () => {
    t.sim.setConfig({ graph: { requestsPerSecond: 5, retryAfterSeconds: 7 } });
    try {
      const requests = Array.from({ length: 10 }, (_, i) => ({ id: String(i), method: 'GET', url: `/users/${IDS.jan}?$select=id` }));
      const before = t.sim.stats().requests.graph;
      const { status, body } = await t.graph('/$batch', { method: 'POST', body: { requests } });
      expect(status).toBe(200);
      const statuses = responses(body).map((r) => r.status);
      // the envelope takes one of the 5 tokens, four items fit, the rest are throttled
      expect(statuses.filter((s) => s === 200)).toHaveLength(4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(6);
      const throttled = responses(body).find((r) => r.status === 429) as Obj;
      expect(throttled.headers).toMatchObject({ 'Retry-After': '7' });
      expect(throttled.body).toMatchObject({ error: { code: 'TooManyRequests', message: 'Too many requests' } });
      expect(t.sim.stats().requests.graph - before).toBe(11);
    } finally {
      t.sim.setConfig({ graph: { requestsPerSecond: 0, retryAfterSeconds: 2 } });
    }
  });
});

describe('GET /groups/delta', () => {
  const first = `/groups/delta?$filter=${encodeURIComponent(`id eq '${IDS.marketing}'`)}&$select=id,displayName,members`;

  it('first round returns current members under members@delta and a deltaLink; later rounds only the changes', async () => {
    const initial = await t.graph(first);
    expect(initial.status).toBe(200);
    expect(initial.body.value).toEqual([
      {
        id: IDS.marketing,
        displayName: 'Marketing',
        'members@delta': [
          { '@odata.type': '#microsoft.graph.user', id: IDS.janet },
          { '@odata.type': '#microsoft.graph.user', id: IDS.gwen },
        ],
      },
    ]);
    const deltaLink = initial.body['@odata.deltaLink'] as string;
    expect(deltaLink.startsWith(`${t.sim.origin}/graph/v1.0/groups/delta?$deltatoken=`)).toBe(true);

    const quiet = await t.graph(deltaLink);
    expect(quiet.body.value).toEqual([]);

    expect((await control(`/groups/${IDS.marketing}/members`, { add: [IDS.zoe], remove: [IDS.janet] })).status).toBe(200);
    await t.graph(`/groups/${IDS.envAccess}/members/$ref`, { method: 'POST', body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${IDS.gwen}` } });
    const changes = await t.graph(quiet.body['@odata.deltaLink'] as string);
    expect(changes.body.value).toEqual([
      {
        id: IDS.marketing,
        displayName: 'Marketing',
        'members@delta': [
          { '@odata.type': '#microsoft.graph.user', id: IDS.zoe },
          { '@odata.type': '#microsoft.graph.user', id: IDS.janet, '@removed': { reason: 'deleted' } },
        ],
      },
    ]);
    const after = await t.graph(changes.body['@odata.deltaLink'] as string);
    expect(after.body.value).toEqual([]);
  });

  it('pages a 2,500-member group over nextLinks before giving the deltaLink', async () => {
    let next: string | undefined = `/groups/delta?$filter=${encodeURIComponent(`id eq '${IDS.sales}'`)}&$select=id,members`;
    const members = new Set<string>();
    let pages = 0;
    let deltaLink: string | undefined;
    while (next) {
      const { body } = await t.graph(next);
      for (const g of body.value as Obj[]) for (const m of g['members@delta'] as Obj[]) members.add(m.id as string);
      next = body['@odata.nextLink'] as string | undefined;
      deltaLink = body['@odata.deltaLink'] as string | undefined;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(members.size).toBe(2500);
    expect(deltaLink).toBeDefined();
  });

  it('a deltaLink from before /_sim/reset is stale (400 syncStateNotFound, as Graph answers for groups); a garbage token is a 400', async () => {
    const initial = await t.graph(first);
    t.sim.reset();
    const stale = await t.graph(initial.body['@odata.deltaLink'] as string);
    expect(stale.status).toBe(400);
    expect(stale.body).toMatchObject({ error: { code: 'syncStateNotFound', message: 'The sync state generation is not found. The delta token is expired and data must be synchronized again.' } });
    expect((await t.graph('/groups/delta?$deltatoken=garbage')).status).toBe(400);
    expect((await t.graph(`/groups/delta?$filter=${encodeURIComponent("displayName eq 'x'")}`)).status).toBe(400);
  });
});
