import { syncRuntimeFor } from '../../src/features/sync';
import { createTestBot, type TestBot } from '../helpers/bot-harness';
import { confirmAndWait, preview } from './helpers/run-group-sync';
import { contosoWith, uatReadyGroup } from './helpers/tenant';

const FAULTS = { random429Rate: 0.1, random503Rate: 0.05, retryAfterSeconds: 0 };

describe('group sync under fault injection (10% 429, 5% 503 on Graph, BAP and Dataverse)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({
      fixture: contosoWith(uatReadyGroup(200, { name: 'Flaky Testers', groupId: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f' })),
      env: { RATE_LIMIT_BURST: '100', SYNC_MAX_RETRIES: '8' },
    });
  });
  afterAll(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  it('ends with exactly the right outcome for every member, each added once', async () => {
    bot.sim.setConfig({ graph: FAULTS, bap: FAULTS, dataverse: FAULTS });
    const card = await preview(bot, 'sync Flaky Testers to UAT');
    const { job, members } = await confirmAndWait(bot, card, 'Sync all anyway');
    bot.sim.setConfig({ graph: { random429Rate: 0, random503Rate: 0 }, bap: { random429Rate: 0, random503Rate: 0 }, dataverse: { random429Rate: 0, random503Rate: 0 } });

    const stats = bot.sim.stats();
    expect(stats.throttled429.bap + stats.unavailable503.bap).toBeGreaterThan(10); // the faults did happen
    const { fixture } = bot.sim.state();
    const licensed = new Set(fixture.users.filter((u) => u.licenses.length > 0).map((u) => u.id.toLowerCase()));
    expect(job.totals).toMatchObject({ members: 200, synced: 180, failed: 20, skipped: 0, pending: 0 });
    for (const m of members) {
      expect([m.displayName, m.state, m.reason]).toEqual(
        licensed.has(m.objectId) ? [m.displayName, 'synced', null] : [m.displayName, 'failed', 'userNotLicensed'],
      );
    }
    const uat = fixture.environments.find((e) => e.displayName === 'UAT');
    const rows = uat?.dataverse?.systemUsers.filter((u) => members.some((m) => m.objectId === u.azureObjectId?.toLowerCase())) ?? [];
    expect(rows).toHaveLength(180);
    expect(new Set(rows.map((r) => r.azureObjectId)).size).toBe(180);
  });
});
