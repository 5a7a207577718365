import { syncRuntimeFor } from '../../src/features/sync';
import { securityFor } from '../../src/security/guard';
import { createTestBot, type TestBot } from '../helpers/bot-harness';
import { confirmAndWait, preview } from '../sync/helpers/run-group-sync';

describe('sync jobs in the audit trail', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  it('when a group sync finishes, then one job row says who, what, where and how it ended', async () => {
    const card = await preview(bot, 'sync Financial Coordinators to UAT');
    const { job } = await confirmAndWait(bot, card, 'Sync all anyway');
    const rows = (await securityFor(bot.deps).audit.list({ limit: 0 })).filter((e) => e.kind === 'job');
    expect(rows).toEqual([
      expect.objectContaining({
        actorName: 'Nadia Rahman',
        what: `sync job ${job.id}`,
        summary: `synced Financial Coordinators (group) to UAT: 3 of 5 added, 2 failed (job ${job.id})`,
        environment: 'UAT',
        result: 'failed',
        code: 'job.members_failed',
      }),
    ]);
  });
});
