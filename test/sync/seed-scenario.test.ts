import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { expectValidCard } from '../helpers/card-check';
import { syncRuntimeFor } from '../../src/features/sync';
import { listJobs } from '../../src/jobs/job-store';
import { listMembers } from '../../src/jobs/member-store';

/** Seed 000: "3 of my 5 members synced successfully while the 2 error because they were lacking the PowerApps License." */
describe('sync Financial Coordinators to UAT (seed 000)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  const lastUpdate = () => bot.updates[bot.updates.length - 1];
  const actionData = (card: Record<string, unknown> | undefined, title: string) => {
    const actions = (card?.actions ?? []) as { title: string; data: Record<string, unknown> }[];
    const action = actions.find((a) => a.title === title);
    if (!action) throw new Error(`no "${title}" button on ${cardStrings(card)}`);
    return action.data;
  };

  it('previews, syncs 3, fails 2 for missing licences with the fix, and tells the requester', async () => {
    const sent = await bot.send('sync Financial Coordinators to UAT');
    expect(sent[0]?.type).toBe('typing');
    expect(cardStrings(cardOf(messagesOf(sent)[0]))).toMatch(/Looking at the members of Financial Coordinators/);

    await syncRuntimeFor(bot.deps).idle();
    const preview = lastUpdate()?.attachments?.[0]?.content as Record<string, unknown>;
    expectValidCard(preview);
    const previewText = cardStrings(preview);
    expect(previewText).toMatch(/5 members/);
    expect(previewText).toMatch(/Ready\n3/);
    expect(previewText).toMatch(/No licence with Dataverse \(2\)/);

    const clicked = await bot.invoke('sync.confirm', actionData(preview, 'Sync all anyway'));
    expect(cardStrings(clicked.card)).toMatch(/Syncing Financial Coordinators \(group\) to UAT/);
    const again = await bot.invoke('sync.confirm', actionData(preview, 'Sync all anyway'));
    expect(again.text).toMatch(/already confirmed/);

    await syncRuntimeFor(bot.deps).idle();
    const result = lastUpdate()?.attachments?.[0]?.content as Record<string, unknown>;
    expectValidCard(result);
    const resultText = cardStrings(result);
    expect(resultText).toMatch(/finished with 2 failures/);
    expect(resultText).toMatch(/3 of 5 synced, 2 failed/);
    expect(resultText).toMatch(/No licence with Dataverse \(2\)/);
    expect(resultText).toMatch(/Assign Power Apps Premium/);

    const [job] = await listJobs(bot.deps.db, 1);
    const members = await listMembers(bot.deps.db, job?.id ?? '', { offset: 0, limit: 10 });
    expect(members.filter((m) => m.state === 'synced')).toHaveLength(3);
    const failed = members.filter((m) => m.state === 'failed');
    expect(failed.map((m) => m.reason)).toEqual(['userNotLicensed', 'userNotLicensed']);
    expect(members.every((m) => (m.prediction === 'ready') === (m.state === 'synced'))).toBe(true);
    expect(members.filter((m) => m.state === 'synced').every((m) => m.visible)).toBe(true);

    // The requester is told by the card updated in place, which names who failed; no second message.
    for (const name of failed.map((m) => m.displayName)) expect(resultText).toContain(name);
    expect(messagesOf(bot.adapter.drain())).toEqual([]);
  });
});
