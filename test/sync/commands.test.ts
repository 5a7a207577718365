import { syncRuntimeFor } from '../../src/features/sync';
import { listJobs } from '../../src/jobs/job-store';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { expectValidCard } from '../helpers/card-check';
import { buttonData, lastUpdatedCard } from './helpers/run-group-sync';
import { contosoWith } from './helpers/tenant';

const OPS = { conversation: { id: 'a:ops-channel', conversationType: 'channel', isGroup: true, name: 'ops' } };

describe('sync people, history, job and notifications through the bot', () => {
  let bot: TestBot;
  const idle = () => syncRuntimeFor(bot.deps).idle();
  const latestJob = async () => (await listJobs(bot.deps.db, 1))[0];
  beforeAll(async () => {
    bot = await createTestBot({ fixture: contosoWith(), env: { RATE_LIMIT_BURST: '100' } });
  });
  afterAll(async () => {
    await idle();
    await bot.close();
  });

  it('when people are named and the checks find nothing in their way, then the job is queued at once and the card becomes the result', async () => {
    const sent = await bot.send('sync Avery Brooks and Ravi Iyer to UAT');
    // The turn only resolves names and queues: when it returns the job has not finished (reply times under load are benchmarked).
    expect(['queued', 'running']).toContain((await latestJob())?.state);
    expect(sent[0]?.type).toBe('typing');
    const queued = cardOf(messagesOf(sent)[0]);
    expect(cardStrings(queued)).toMatch(/Syncing Avery Brooks and Ravi Iyer to UAT/);
    await idle();
    const result = lastUpdatedCard(bot);
    expectValidCard(result);
    expect((await latestJob())?.totals).toMatchObject({ members: 2, synced: 2, failed: 0 });
    expect(cardStrings(result)).toMatch(/Sync of Avery Brooks and Ravi Iyer to UAT: ✅ finished/);
  });

  it('when a name is ambiguous, then a choice card asks which one, and picking one goes on with that person', async () => {
    const sent = await bot.send('sync Alex to UAT');
    const choice = cardOf(messagesOf(sent)[0]);
    expect(cardStrings(choice) || JSON.stringify(messagesOf(sent))).toMatch(/Several people match "Alex"/);
    const kim = buttonData(choice, 'Alex Kim (alex.kim@contoso.com)');
    const picked = await bot.invoke('sync.choose', kim);
    // Alex Kim is not in UAT's security group: the checks come first (named-sync.test.ts).
    expect(cardStrings(cardOf(messagesOf(picked.replies)[0]))).toMatch(/Sync Alex Kim to UAT\?/);
    await idle();
  });

  it('when nobody or no environment matches, then it says so and creates no job', async () => {
    const jobs = (await listJobs(bot.deps.db, 100)).length;
    const [reply1] = messagesOf(await bot.send('sync Nobody Atall to UAT'));
    expect(reply1?.text).toMatch(/can't find a group or person called "Nobody Atall"/);
    const [reply2] = messagesOf(await bot.send('sync Jane Doe to Narnia'));
    expect(reply2?.text).toMatch(/can't find an environment called "Narnia"/);
    expect(await listJobs(bot.deps.db, 100)).toHaveLength(jobs);
  });

  it('tells the requester and every subscribed conversation when a job fails, until they unsubscribe', async () => {
    const [subscribed] = messagesOf(await bot.send('notify here', { activity: OPS }));
    expect(subscribed?.text).toMatch(/I will post here whenever a sync job ends with failures/);
    bot.adapter.drain();
    const updatesBefore = bot.adapter.updates.length;
    const [progress] = messagesOf(await bot.send('sync Lucas Martin to UAT'));
    await bot.invoke('sync.confirm', buttonData(cardOf(progress), 'Sync anyway'));
    await idle();
    // One message per event: the requester's card is updated in place, the subscribed channel gets one message.
    const told = messagesOf(bot.adapter.drain()).filter((a) => a.id !== progress?.id);
    expect(told.map((a) => a.conversation?.id)).toEqual(['a:ops-channel']);
    expect(told[0]?.text).toMatch(/Lucas Martin to UAT .*needs attention.*No licence with Dataverse: Lucas Martin/s);
    expect(cardStrings(cardOf(told[0]))).toMatch(/finished with 1 failure/);
    expect(bot.adapter.updates.slice(updatesBefore).map((a) => cardStrings(cardOf(a))).pop()).toMatch(/finished with 1 failure/);

    const [left] = messagesOf(await bot.send('stop notifying here', { activity: OPS }));
    expect(left?.text).toMatch(/no more sync failure notifications here/);
    const [emma] = messagesOf(await bot.send('sync Emma Schultz to UAT'));
    await bot.invoke('sync.confirm', buttonData(cardOf(emma), 'Sync anyway'));
    await idle();
    expect(messagesOf(bot.adapter.drain()).filter((a) => a.conversation?.id === 'a:ops-channel')).toEqual([]);
  });

  it('re-checks one person of a job', async () => {
    const first = (await listJobs(bot.deps.db, 100)).find((j) => j.target.startsWith('Avery Brooks'));
    const recheck = await bot.invoke('sync.recheck', { jobId: first?.id, page: '1', user: 'avery' });
    expect(recheck.text).toMatch(/Avery Brooks is in UAT now, enabled/);
    const refused = await bot.invoke('sync.recheck', { jobId: first?.id, page: '1', user: '' });
    expect(refused.text).toMatch(/Type a name or email address/);
  });

  it('offers a form; "only members who are ready" from the form leads to a preview that can only sync the ready ones', async () => {
    const form = cardOf(messagesOf(await bot.send('sync'))[0]);
    expectValidCard(form as Record<string, unknown>);
    const uat = bot.sim.state().fixture.environments.find((e) => e.displayName === 'UAT');
    expect(JSON.stringify(form)).toContain(uat?.id);
    const bad = await bot.invoke('sync.form', { target: 'Financial Coordinators', environment: 'UAT; drop', includeNested: 'false', readyOnly: 'true' });
    expect(bad.text).toMatch(/Pick an environment from the list/);
    await bot.invoke('sync.form', { target: 'Financial Coordinators', environment: uat?.id, includeNested: 'false', readyOnly: 'true' });
    await idle();
    const preview = lastUpdatedCard(bot);
    const titles = ((preview.actions ?? []) as { title: string }[]).map((a) => a.title);
    expect(titles).toEqual(['Sync the 3 ready', 'Cancel']);
    await bot.invoke('sync.cancel', buttonData(preview, 'Cancel'));
  });

  it('lets helpdesk read history but not sync', async () => {
    const { fixture } = bot.sim.state();
    const helpdeskId = fixture.groups.find((g) => g.displayName === 'Dataverse Access Bot Helpdesk')?.members[0];
    const helpdesk = { name: 'Helpdesk Person', aadObjectId: helpdeskId };
    const jobs = (await listJobs(bot.deps.db, 100)).length;
    const [refused] = messagesOf(await bot.send('sync Jane Doe to UAT', { from: helpdesk }));
    expect(refused?.text).toMatch(/admin/i);
    expect(await listJobs(bot.deps.db, 100)).toHaveLength(jobs);
    expect(cardStrings(cardOf(messagesOf(await bot.send('history', { from: helpdesk }))[0]))).toMatch(/Recent sync jobs/);
  });

  it('lists recent jobs with history and shows one again with job <id>; bad ids get a clear answer', async () => {
    const [history] = messagesOf(await bot.send('history'));
    const card = cardOf(history);
    expectValidCard(card as Record<string, unknown>);
    expect(cardStrings(card)).toMatch(/Emma Schultz → UAT/);
    const id = (await latestJob())?.id ?? '';
    const [shown] = messagesOf(await bot.send(`job ${id.toLowerCase()}`));
    expect(cardStrings(cardOf(shown))).toMatch(new RegExp(`Job ${id}`));
    const [bad] = messagesOf(await bot.send('job 12; drop table'));
    expect([bad?.text ?? '', cardStrings(cardOf(bad))].join('\n')).toMatch(/not a job id|didn't understand|Recent sync jobs/i);
    const [unknown] = messagesOf(await bot.send('job ZZZZZZZZ'));
    expect(unknown?.text).toMatch(/There is no sync job ZZZZZZZZ/);
  });
});
