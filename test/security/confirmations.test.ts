/**
 * Which changes need an explicit confirm (issue 6): group syncs, syncs into Production
 * environments, and adding someone to a security group. The confirmation module itself
 * (user-bound, expiring, single-use) is exercised in access-rules.test.ts and
 * test/diagnose/confirmations.test.ts.
 */
import { syncRuntimeFor } from '../../src/features/sync';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { expectValidCard } from '../helpers/card-check';
import { buttonData, lastUpdatedCard } from '../sync/helpers/run-group-sync';
import { ADMIN, JANE, microsoftCalls, UAT } from './helpers/watch';

const PRODUCTION = '667c2848-72a8-4a03-a959-694b017ae7fd';

describe('changes that need an explicit confirm', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ from: ADMIN, env: { RATE_LIMIT_BURST: '100', SYNC_MAX_RETRIES: '0' } });
  });
  afterAll(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  it('adding someone to a security group shows a confirm card (valid 15 minutes) and writes nothing yet', async () => {
    const calls = microsoftCalls(bot.sim);
    const ask = await bot.invoke('diagnose.add-to-group', { userId: JANE, environmentId: UAT });
    expect(cardStrings(ask.card)).toContain('Add Jane Doe to UAT Access?');
    expect(cardStrings(ask.card)).toMatch(/15 minutes/);
    expect(microsoftCalls(bot.sim).graphWrites).toBe(calls.graphWrites);
  });

  it('a group sync shows a preview with Sync all / Cancel and adds nobody until confirmed', async () => {
    const calls = microsoftCalls(bot.sim);
    await bot.send('sync Financial Coordinators to UAT');
    await syncRuntimeFor(bot.deps).idle();
    expect(cardStrings(lastUpdatedCard(bot))).toMatch(/Sync the 3 ready[\s\S]*Sync all anyway[\s\S]*Cancel/);
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser);
  });

  it('syncing a named person into a Production environment asks for a confirm first', async () => {
    const calls = microsoftCalls(bot.sim);
    const ask = cardOf(messagesOf(await bot.send('sync jane.doe@contoso.com to Contoso Production'))[0]);
    await syncRuntimeFor(bot.deps).idle();
    expectValidCard(ask ?? {});
    expect(cardStrings(ask)).toMatch(/Sync Jane Doe to Contoso Production\?[\s\S]*Production environment, so I ask first[\s\S]*15 minutes/);
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser);

    const confirm = buttonData(ask, 'Sync now');
    const started = await bot.invoke(String(confirm.verb), confirm);
    await syncRuntimeFor(bot.deps).idle();
    expect(cardStrings(started.card)).toMatch(/Jane Doe/);
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser + 1);

    const replayed = await bot.invoke(String(confirm.verb), confirm);
    await syncRuntimeFor(bot.deps).idle();
    expect([replayed.text, cardStrings(replayed.card), JSON.stringify(replayed.replies)].join(' ')).toMatch(/already confirmed or cancelled/);
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser + 1);
  });

  it('"Retry failed" on a Production job asks again before adding anyone', async () => {
    const ask = cardOf(messagesOf(await bot.send('sync Avery Brooks to Contoso Production'))[0]);
    const confirm = buttonData(ask, 'Sync now');
    bot.sim.setConfig({ bap: { random503Rate: 1 } }); // the service does not answer: a retry can help
    await bot.invoke(String(confirm.verb), confirm);
    await syncRuntimeFor(bot.deps).idle();
    bot.sim.setConfig({ bap: { random503Rate: 0 } });
    const result = lastUpdatedCard(bot);
    expect(cardStrings(result)).toMatch(/Avery Brooks/);

    const calls = microsoftCalls(bot.sim);
    const retry = await bot.invoke('sync.retry-failed', buttonData(result, 'Retry failed'));
    const again = cardOf(messagesOf(retry.replies)[0]);
    await syncRuntimeFor(bot.deps).idle();
    expect(cardStrings(again)).toMatch(/Sync Avery Brooks, failed members of job [^?]+ to Contoso Production\?[\s\S]*so I ask first/);
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser);

    const confirmRetry = buttonData(again, 'Sync now');
    await bot.invoke(String(confirmRetry.verb), confirmRetry);
    await syncRuntimeFor(bot.deps).idle();
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser + 1);
  });

  it('a Production sync of named people can be cancelled, and then nothing is added', async () => {
    const calls = microsoftCalls(bot.sim);
    const ask = cardOf(messagesOf(await bot.send('sync Jane Doe to Contoso Production'))[0]);
    const cancel = buttonData(ask, 'Cancel');
    const cancelled = await bot.invoke(String(cancel.verb), cancel);
    expect(cardStrings(cancelled.card)).toMatch(/Cancelled by Nadia Rahman\. Nothing was synced\./);
    await syncRuntimeFor(bot.deps).idle();
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser);
  });

  it('named people into a non-Production environment are still queued at once (when the checks find nothing in the way)', async () => {
    const calls = microsoftCalls(bot.sim);
    await bot.send('sync avery.brooks@contoso.com to UAT');
    await syncRuntimeFor(bot.deps).idle();
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser + 1);
  });

  it('"Sync now" from a diagnosis into a Production environment asks for a confirm first, then syncs once', async () => {
    const calls = microsoftCalls(bot.sim);
    const ask = await bot.invoke('diagnose.sync', { userId: JANE, environmentId: PRODUCTION });
    await syncRuntimeFor(bot.deps).idle();
    expectValidCard(ask.card ?? {});
    expect(cardStrings(ask.card)).toMatch(/Sync Jane Doe to Contoso Production\?[\s\S]*Production environment, so I ask first[\s\S]*15 minutes/);
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser);

    const confirm = buttonData(ask.card, 'Sync now');
    const started = await bot.invoke(String(confirm.verb), confirm);
    expect(cardStrings(started.card)).toMatch(/Syncing Jane Doe to Contoso Production/);
    await syncRuntimeFor(bot.deps).idle();
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser + 1);

    const replayed = await bot.invoke(String(confirm.verb), confirm);
    await syncRuntimeFor(bot.deps).idle();
    expect(replayed.text).toMatch(/already confirmed or cancelled/);
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser + 1);
  });

  it('"Sync now" into a non-Production environment still starts at once', async () => {
    const calls = microsoftCalls(bot.sim);
    const started = await bot.invoke('diagnose.sync', { userId: JANE, environmentId: UAT });
    expect(cardStrings(started.card)).toMatch(/Syncing Jane Doe to UAT/);
    await syncRuntimeFor(bot.deps).idle();
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser + 1);
  });
});
