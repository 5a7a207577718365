import type { RunningSimulator } from '../../src/sim/server';
import { IDS, ManualClock, startSmall, tokenFor } from './helpers';

const ENV = '33333333-0000-4000-8000-000000000001';
let sim: RunningSimulator;
const clock = new ManualClock();
beforeAll(async () => {
  sim = await startSmall({ provisioningDelayMs: 1000 }, clock);
});
afterAll(() => sim.close());

async function addUser(objectId: string): Promise<number> {
  const token = await tokenFor(sim, 'https://service.powerapps.com/');
  const res = await fetch(`${sim.urls.bap}/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${ENV}/addUser?api-version=2020-10-01`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ObjectId: objectId }),
  });
  return res.status;
}
const rowFor = (objectId: string): unknown => sim.state().environmentsByOrg.get('fabtest')?.dataverse?.systemUsers.find((s) => s.azureObjectId === objectId);

describe('scheduled work (provisioning delay) and reset', () => {
  it('a successful addUser provisions the row only once provisioningDelayMs has passed', async () => {
    expect(await addUser(IDS.alex)).toBe(200);
    expect(rowFor(IDS.alex)).toBeUndefined();
    expect(clock.scheduled.filter((t) => t.state === 'pending').map((t) => t.delayMs)).toEqual([1000]);
    expect(clock.runScheduled()).toBe(1);
    expect(rowFor(IDS.alex)).toBeDefined();
    sim.reset();
  });

  it('reset cancels provisioning that has not happened yet', async () => {
    expect(await addUser(IDS.alex)).toBe(200);
    const task = clock.scheduled.at(-1);
    expect(task?.state).toBe('pending');
    sim.reset();
    expect(task?.state).toBe('cancelled');
    expect(clock.runScheduled()).toBe(0);
    expect(rowFor(IDS.alex)).toBeUndefined();
  });
});

describe('token lifetime', () => {
  it('an expired token is refused with Graph\'s lifetime message', async () => {
    const token = await tokenFor(sim, 'https://graph.microsoft.com');
    const realNow = Date.now.bind(Date);
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 3600 * 1000);
    try {
      const res = await fetch(`${sim.urls.graph}/v1.0/users/${IDS.jan}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Lifetime validation failed, the token is expired.');
    } finally {
      spy.mockRestore();
    }
  });

  it('a token the simulator already accepted (its signature remembered) is refused once it expired', async () => {
    const token = await tokenFor(sim, 'https://graph.microsoft.com');
    const call = () => fetch(`${sim.urls.graph}/v1.0/users/${IDS.jan}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await call()).status).toBe(200);
    const realNow = Date.now.bind(Date);
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 3600 * 1000);
    try {
      const res = await call();
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Lifetime validation failed, the token is expired.');
    } finally {
      spy.mockRestore();
    }
    expect((await call()).status).toBe(200);
  });
});

describe('delta link lifetime', () => {
  it('a group delta link works for 7 days after it was issued, then is a 400 syncStateNotFound', async () => {
    const token = await tokenFor(sim, 'https://graph.microsoft.com');
    const get = async (url: string) => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const first = await get(`${sim.urls.graph}/v1.0/groups/delta?$filter=${encodeURIComponent(`id eq '${IDS.envAccess}'`)}&$select=id,members`);
    const day = 24 * 3600 * 1000;
    clock.advance(7 * day - 60_000);
    const renewed = await get(first.body['@odata.deltaLink'] as string);
    expect(renewed.status).toBe(200);
    clock.advance(7 * day + 60_000);
    const stale = await get(renewed.body['@odata.deltaLink'] as string);
    expect(stale).toMatchObject({ status: 400, body: { error: { code: 'syncStateNotFound' } } });
  });
});

describe('UNVERIFIED knobs through POST /_sim/config', () => {
  it('accepts every unverified knob and rejects bad values', async () => {
    const post = (body: unknown): Promise<Response> => fetch(`${sim.origin}/_sim/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await post({ unverified: { nestedGroupMembershipCounts: true, noDataverseStatus: 404, addUserSuccessBody: 'information', trialPlansCountInProduction: false, adminModeBlocksAddUser: true, bapEnvironmentsPageSize: 2 } });
    expect(ok.status).toBe(200);
    const bad = await post({ unverified: { bapEnvironmentsPageSize: 0, adminModeBlocksAddUser: 'yes' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { problems: string[] } }).error.problems).toEqual([
      '/unverified/bapEnvironmentsPageSize: must be an integer between 1 and 5000',
      '/unverified/adminModeBlocksAddUser: must be a boolean',
    ]);
    const config = (await (await fetch(`${sim.origin}/_sim/config`)).json()) as { unverified: Record<string, unknown> };
    expect(config.unverified).toMatchObject({ bapEnvironmentsPageSize: 2, adminModeBlocksAddUser: true, noDataverseStatus: 404 });
  });
});
