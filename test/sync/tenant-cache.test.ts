import { syncRuntimeFor } from '../../src/features/sync';
import { createTestBot, type TestBot } from '../helpers/bot-harness';
import { buttonData, preview } from './helpers/run-group-sync';

describe('tenant-wide lookups are shared for a minute', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ env: { RATE_LIMIT_BURST: '100' } });
  });
  afterAll(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  it('a second sync preview soon after the first lists environments and licences again not at all', async () => {
    const calls = (pattern: RegExp) => Object.entries({ ...bot.sim.stats().routes.bap, ...bot.sim.stats().routes.graph })
      .filter(([route]) => pattern.test(route)).reduce((sum, [, n]) => sum + n, 0);
    const first = await preview(bot, 'sync Financial Coordinators to UAT');
    await bot.invoke('sync.cancel', buttonData(first, 'Cancel'));
    const environments = calls(/scopes\/admin\/environments$/);
    const skus = calls(/subscribedSkus/);
    expect([environments, skus]).toEqual([1, 1]);

    await preview(bot, 'sync Financial Coordinators to UAT');
    expect([calls(/scopes\/admin\/environments$/), calls(/subscribedSkus/)]).toEqual([1, 1]);
  });
});
