import { syncRuntimeFor } from '../../src/features/sync';
import { startWatching, stopWatching } from '../../src/features/watch';
import { listJobs } from '../../src/jobs/job-store';
import { createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { contosoWith, uatReadyGroup } from '../sync/helpers/tenant';

const TESTERS = '5e0a6b1c-3d2f-4a8b-9c7d-1e2f3a4b5c6d';

describe('the running bot checks its watches on a timer', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ fixture: contosoWith(uatReadyGroup(4, { name: 'UAT Testers', groupId: TESTERS, unlicensedShare: 0 })) });
  });
  afterAll(async () => {
    jest.useRealTimers();
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  it('every WATCH_INTERVAL_SECONDS, and stopping waits for a check under way', async () => {
    expect(messagesOf(await bot.send('watch UAT Testers for UAT')).map((a) => a.text).join()).toMatch(/Watching/);
    const avery = bot.sim.state().fixture.users.find((u) => u.displayName === 'Avery Brooks')?.id as string;
    await bot.deps.graph.addGroupMember(TESTERS, avery);
    const jobs = (await listJobs(bot.deps.db, 100)).length;

    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'Date', 'performance', 'hrtime'] });
    await startWatching(bot.deps);
    jest.advanceTimersByTime(bot.deps.config.watchIntervalSeconds * 1000 - 1);
    await stopWatching(bot.deps);
    expect(await listJobs(bot.deps.db, 100)).toHaveLength(jobs); // not yet: the interval had not passed

    await startWatching(bot.deps);
    jest.advanceTimersByTime(bot.deps.config.watchIntervalSeconds * 1000);
    await stopWatching(bot.deps); // waits for the check the tick started
    jest.useRealTimers();
    expect(await listJobs(bot.deps.db, 100)).toHaveLength(jobs + 1);
    expect((await listJobs(bot.deps.db, 1))[0]?.target).toBe('a new member of UAT Testers (watched)');
  });
});
