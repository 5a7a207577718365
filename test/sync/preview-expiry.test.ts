import { syncRuntimeFor } from '../../src/features/sync';
import { expireStalePreviews } from '../../src/features/sync/expire-previews';
import { issueJobConfirmation } from '../../src/features/sync/prepare-preview';
import { createJob, getJob, listJobs } from '../../src/jobs/job-store';
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
    const syncAll = buttonData(card, 'Sync all anyway');

    clock += 14 * MINUTE;
    expect(await expireStalePreviews(bot.deps)).toBe(0); // still within the 15 minutes

    clock += 2 * MINUTE;
    expect(await expireStalePreviews(bot.deps)).toBe(1);
    expect(cardStrings(lastUpdatedCard(bot))).toMatch(/Nobody confirmed this within 15 minutes, so it expired\. Nothing was synced/);
    const [job] = await listJobs(bot.deps.db, 1);
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

  it('wait for a preview that is still being prepared, and go by its own confirmation once it has one', async () => {
    const newPreview = () => createJob(bot.deps.db, {
      kind: 'group', requestedBy: { aadObjectId: null, name: 'Nadia Rahman' }, conversationKey: null,
      environment: { id: 'env', displayName: 'UAT', instanceUrl: null }, target: 'Big Group (group)', options: {}, state: 'preview', now: clock,
    });
    const slow = await newPreview(); // its members take 10 minutes to list
    const dead = await newPreview(); // the process stopped before it had a confirmation
    clock += 10 * MINUTE;
    await issueJobConfirmation(bot.deps, slow, 'someone');
    clock += 10 * MINUTE; // 20 minutes after both started: older than the confirmation's 15
    expect(await expireStalePreviews(bot.deps)).toBe(0);
    clock += 6 * MINUTE;
    expect(await expireStalePreviews(bot.deps)).toBe(1);
    expect((await getJob(bot.deps.db, slow))?.state).toBe('cancelled');
    expect((await getJob(bot.deps.db, dead))?.state).toBe('preview');
    clock += 24 * 60 * MINUTE;
    expect(await expireStalePreviews(bot.deps)).toBe(1);
    expect((await getJob(bot.deps.db, dead))?.state).toBe('cancelled');
  });
});
