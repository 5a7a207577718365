/**
 * Which changes need an explicit confirm (issue 6): group syncs, syncs into Production
 * environments, and adding someone to a security group. The confirmation module itself
 * (user-bound, expiring, single-use) is exercised in access-rules.test.ts and
 * test/diagnose/confirmations.test.ts.
 */
import { backgroundSyncsSettled } from '../../src/features/diagnose';
import { syncRuntimeFor } from '../../src/features/sync';
import { cardStrings, createTestBot, type TestBot } from '../helpers/bot-harness';
import { lastUpdatedCard } from '../sync/helpers/run-group-sync';
import { ADMIN, JANE, microsoftCalls, UAT } from './helpers/watch';

const PRODUCTION = '667c2848-72a8-4a03-a959-694b017ae7fd';

describe('changes that need an explicit confirm', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ from: ADMIN });
  });
  afterAll(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await backgroundSyncsSettled(bot.deps);
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
    expect(cardStrings(lastUpdatedCard(bot))).toMatch(/Sync all[\s\S]*Cancel/);
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser);
  });

  // KNOWN GAP (reported): named people are synced into a Production environment at once. When the
  // sync feature asks first, this test starts failing: then drop `.failing`.
  it.failing('syncing a named person into a Production environment asks for a confirm first', async () => {
    const calls = microsoftCalls(bot.sim);
    await bot.send('sync jane.doe@contoso.com to Contoso Production');
    await syncRuntimeFor(bot.deps).idle();
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser);
  });

  // KNOWN GAP (reported): the diagnosis card's "Sync now" into Production runs without a confirm.
  it.failing('"Sync now" from a diagnosis into a Production environment asks for a confirm first', async () => {
    const calls = microsoftCalls(bot.sim);
    await bot.invoke('diagnose.sync', { userId: JANE, environmentId: PRODUCTION });
    await backgroundSyncsSettled(bot.deps);
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser);
  });
});
