import { syncRuntimeFor } from '../../src/features/sync';
import { expireStalePreviews } from '../../src/features/sync/expire-previews';
import { listJobs } from '../../src/jobs/job-store';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { addUserCalls } from './helpers/sim-stats';
import { buttonData, lastUpdatedCard, preview } from './helpers/run-group-sync';

const MINUTE = 60_000;

describe('previews nobody confirms', () => {
  let bot: TestBot;
  let clock = Date.UTC(2026, 10, 22, 9, 0);
  beforeAll(async () => {
    bot = await createTestBot({ now: () => clock, env: { RATE_LIMIT_BURST: '100' } });
  });
  afterAll(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  it('expire with their confirmation: the card says so, history lists them as cancelled, the button no longer syncs', async () => {
    const card = await preview(bot, 'sync Financial Coordinators to UAT');
    const syncAll = buttonData(card, 'Sync all');

    clock += 14 * MINUTE;
    expect(await expireStalePreviews(bot.deps)).toBe(0); // still within the 15 minutes

    clock += 2 * MINUTE;
    expect(await expireStalePreviews(bot.deps)).toBe(1);
    expect(cardStrings(lastUpdatedCard(bot))).toMatch(/Nobody confirmed this within 15 minutes, so it expired\. Nothing was synced/);
    const [job] = listJobs(bot.deps.db, 1);
    expect(job?.state).toBe('cancelled');
    expect(cardStrings(cardOf(messagesOf(await bot.send(`job ${job?.id}`))[0]))).toMatch(/it expired/);

    const before = addUserCalls(bot.sim);
    const late = await bot.invoke('sync.confirm', syncAll);
    await syncRuntimeFor(bot.deps).idle();
    expect([late.text, cardStrings(late.card)].join(' ')).toMatch(/no longer valid|expired/i);
    expect(addUserCalls(bot.sim)).toBe(before);
    expect(await expireStalePreviews(bot.deps)).toBe(0); // once only
  });

  it('leave a Production confirm alone while it can still be confirmed', async () => {
    await bot.send('sync Jane Doe to Contoso Production');
    clock += 10 * MINUTE;
    expect(await expireStalePreviews(bot.deps)).toBe(0);
    clock += 6 * MINUTE;
    expect(await expireStalePreviews(bot.deps)).toBe(1);
  });
});
