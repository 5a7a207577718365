import { syncRuntimeFor } from '../../src/features/sync';
import { checkWatches } from '../../src/features/watch';
import { getJob } from '../../src/jobs/job-store';
import { listMembers } from '../../src/jobs/member-store';
import { cardOf, cardStrings, createTestBot, messagesOf, TEST_CONVERSATION_ID, type TestBot } from '../helpers/bot-harness';
import { addUserCalls } from '../sync/helpers/sim-stats';
import { contosoWith, uatReadyGroup } from '../sync/helpers/tenant';

const TESTERS = '5e0a6b1c-3d2f-4a8b-9c7d-1e2f3a4b5c6d';
const NEWCOMERS = '6f1b7c2d-4e3a-4b9c-8d8e-2f3a4b5c6d7e';

describe('watching a group: new members are synced automatically', () => {
  let bot: TestBot;
  const idle = () => syncRuntimeFor(bot.deps).idle();
  const memberIds = (groupId: string) => bot.sim.state().fixture.groups.find((g) => g.id === groupId)?.members ?? [];
  const userId = (name: string) => bot.sim.state().fixture.users.find((u) => u.displayName === name)?.id ?? '';
  const reply = async (text: string, from?: { name: string; aadObjectId: string }) =>
    messagesOf(await bot.send(text, from ? { from } : {})).map((a) => a.text ?? '').join('\n');

  beforeAll(async () => {
    bot = await createTestBot({
      fixture: contosoWith(
        uatReadyGroup(6, { name: 'UAT Testers', groupId: TESTERS, unlicensedShare: 0 }),
        uatReadyGroup(3, { name: 'UAT Newcomers', groupId: NEWCOMERS, unlicensedShare: 0 }),
      ),
      env: { RATE_LIMIT_BURST: '100' },
    });
  });
  afterAll(async () => {
    await idle();
    await bot.close();
  });

  it('starts from now: the members the group has are not synced by the watch', async () => {
    const before = addUserCalls(bot.sim);
    const text = await reply('watch UAT Testers for UAT');
    expect(text).toMatch(/Watching \*\*UAT Testers\*\* for \*\*UAT\*\*: about every 5 minutes I sync the people added to the group since now/);
    expect(text).toMatch(/The 6 members it has now are not synced by the watch/);
    expect(await checkWatches(bot.deps)).toEqual([]);
    expect(addUserCalls(bot.sim)).toBe(before);
    expect(await reply('watch UAT Testers for UAT')).toMatch(/I already watch \*\*UAT Testers\*\* for \*\*UAT\*\*/);
  });

  it('syncs the people added since, posts the job here, and tells why one of them failed', async () => {
    const [first, second] = memberIds(NEWCOMERS);
    const lucas = userId('Lucas Martin'); // no licence with Dataverse
    for (const id of [first, second, lucas]) await bot.deps.graph.addGroupMember(TESTERS, id as string);
    bot.adapter.drain();
    const before = addUserCalls(bot.sim);

    const [jobId] = await checkWatches(bot.deps);
    await idle();
    const job = await getJob(bot.deps.db, jobId as string);
    expect(job).toMatchObject({ target: '3 new members of UAT Testers (watched)', conversationKey: TEST_CONVERSATION_ID, totals: { members: 3, synced: 2, failed: 1 } });
    expect((await listMembers(bot.deps.db, jobId as string, { offset: 0, limit: 10 })).find((m) => m.state === 'failed')?.reason).toBe('userNotLicensed');
    expect(addUserCalls(bot.sim)).toBe(before + 3);

    const posted = bot.adapter.drain();
    // One message for the event: the job's own card, posted when it was queued and since updated into the result.
    const resultCards = posted.filter((a) => /^Sync of 3 new members of UAT Testers \(watched\) to UAT: \W*finished with 1 failure/.test(cardStrings(cardOf(a))));
    expect(resultCards).toHaveLength(1);
    expect(messagesOf(posted)).toHaveLength(1);
    expect(cardStrings(cardOf(resultCards[0]))).toMatch(/No licence with Dataverse[\s\S]*Lucas Martin/);

    expect(await checkWatches(bot.deps)).toEqual([]); // nothing new since
    expect(addUserCalls(bot.sim)).toBe(before + 3);
  });

  it('lists what it watches for helpdesk, but only admins start or stop a watch', async () => {
    const helpdeskId = bot.sim.state().fixture.groups.find((g) => g.displayName === 'Dataverse Access Bot Helpdesk')?.members[0] as string;
    const helpdesk = { name: 'Helpdesk Person', aadObjectId: helpdeskId };
    expect(await reply('watches', helpdesk)).toMatch(/I watch 1 group:\n- \*\*UAT Testers\*\* → \*\*UAT\*\*, since .* UTC \(.+\); last checked .* UTC/);
    expect(await reply('watch Sales for UAT', helpdesk)).toMatch(/admin/i);
    expect(await reply('stop watching UAT Testers', helpdesk)).toMatch(/admin/i);
  });

  it('refuses what it cannot or should not watch, and changes nothing', async () => {
    expect(await reply('watch Financial Coordinators for Contoso Production')).toMatch(/I don't watch groups for Contoso Production: it is a Production environment/);
    expect(await reply('watch Nobody Group Here for UAT')).toMatch(/I can't find a group called "Nobody Group Here" \(I can only watch groups\)/);
    expect(await reply('watch UAT Testers for Narnia')).toMatch(/I can't find an environment called "Narnia"/);
    expect(await reply(`watch ${'x'.repeat(300)} for UAT`)).toMatch(/That group name is too long/);
    expect(await reply('watches')).toMatch(/I watch 1 group:/);
  });

  it('starts afresh when Graph forgets the change list, and says additions may have been missed', async () => {
    bot.sim.reset(); // delta links issued before a reset are refused with 410, like an expired sync state
    bot.adapter.drain();
    expect(await checkWatches(bot.deps)).toEqual([]);
    expect(messagesOf(bot.adapter.drain()).map((a) => a.text).join('\n')).toMatch(/lost track of changes to \*\*UAT Testers\*\*, so I started watching it afresh.*sync UAT Testers to UAT/s);
    expect(await reply('watches')).not.toMatch(/failed/);
  });

  it('stops when asked: later additions are left alone', async () => {
    expect(await reply('stop watching uat testers')).toMatch(/Done: I no longer watch \*\*UAT Testers\*\* for \*\*UAT\*\*/);
    expect(await reply('stop watching UAT Testers')).toMatch(/I am not watching a group called "UAT Testers"/);
    const [third] = memberIds(NEWCOMERS).slice(2);
    await bot.deps.graph.addGroupMember(TESTERS, third as string);
    const before = addUserCalls(bot.sim);
    expect(await checkWatches(bot.deps)).toEqual([]);
    expect(addUserCalls(bot.sim)).toBe(before);
    expect(await reply('watches')).toMatch(/I am not watching any group/);
  });

  describe('after the tenant changes under a watch', () => {
    const uat = () => bot.sim.state().fixture.environments.find((e) => e.displayName === 'UAT') as { sku: string; dataverse?: unknown };
    const changeMembers = (change: { add?: string[]; remove?: string[] }) =>
      fetch(`${bot.sim.origin}/_sim/groups/${TESTERS}/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(change) });
    const texts = () => messagesOf(bot.adapter.drain()).map((a) => a.text ?? '').filter((t) => t !== '');

    beforeAll(async () => {
      expect(await reply('watch UAT Testers for UAT')).toMatch(/Watching \*\*UAT Testers\*\*/);
    });

    it('tells a problem once, keeps its place, and syncs the people once it is fixed', async () => {
      const [newcomer] = memberIds(NEWCOMERS);
      expect((await changeMembers({ add: [newcomer as string] })).status).toBe(200);
      const dataverse = uat().dataverse;
      uat().dataverse = undefined;
      bot.adapter.drain();
      expect(await checkWatches(bot.deps)).toEqual([]);
      expect(await checkWatches(bot.deps)).toEqual([]);
      const told = texts();
      expect(told).toHaveLength(1);
      expect(told[0]).toMatch(/I could not check \*\*UAT Testers\*\* for new members to sync into UAT: UAT is no longer an environment with a Dataverse database/);
      expect(await reply('watches')).toMatch(/the last check failed: UAT is no longer an environment with a Dataverse database/);

      uat().dataverse = dataverse;
      const [jobId] = await checkWatches(bot.deps);
      await idle();
      expect((await getJob(bot.deps.db, jobId as string))?.totals).toMatchObject({ members: 1, synced: 1 });
    });

    it('ignores people added and removed again between two checks', async () => {
      const [, second] = memberIds(NEWCOMERS);
      await changeMembers({ add: [second as string] });
      await changeMembers({ remove: [second as string] });
      const before = addUserCalls(bot.sim);
      expect(await checkWatches(bot.deps)).toEqual([]);
      expect(addUserCalls(bot.sim)).toBe(before);
    });

    it('stops watching an environment that became Production, and syncs nobody there', async () => {
      uat().sku = 'Production';
      try {
        await changeMembers({ add: [userId('Avery Brooks')] });
        bot.adapter.drain();
        const before = addUserCalls(bot.sim);
        expect(await checkWatches(bot.deps)).toEqual([]);
        expect(addUserCalls(bot.sim)).toBe(before);
        expect(texts().join('\n')).toMatch(/UAT is a Production environment now, where every sync needs a person to confirm it, so I stopped watching \*\*UAT Testers\*\* for it\. Nobody was synced/);
        expect(await reply('watches')).toMatch(/I am not watching any group/);
      } finally {
        uat().sku = 'Sandbox';
      }
    });
  });
});
