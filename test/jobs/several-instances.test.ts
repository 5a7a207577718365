/**
 * Several instances on one PostgreSQL (jobs on pg-boss): what a person notices when the bot runs as
 * N copies, as App Service scales it out. Each instance is a whole bot in this process, with its own
 * store pool, pg-boss and adapter; the simulated tenant and the database are shared.
 */
import pg from 'pg';
import { runCli } from '../../src/cli/index';
import { syncRuntimeFor } from '../../src/features/sync';
import { getJob, listJobs } from '../../src/jobs/job-store';
import type { SyncJob } from '../../src/jobs/job-types';
import { cardStrings, messagesOf, type TestBot } from '../helpers/bot-harness';
import { ADMIN, microsoftCalls, UAT } from '../security/helpers/watch';
import { buttonData, lastUpdatedCard, type Card } from '../sync/helpers/run-group-sync';
import { contosoWith, SECOND_ADMIN, uatReadyGroup, withAdmin } from '../sync/helpers/tenant';
import { clusterIdle, startCluster, type Cluster } from './helpers/instances';

const WATCH_INTERVAL_SECONDS = 2;
const TESTERS = { name: 'UAT Testers', groupId: '5e0a6b1c-3d2f-4a8b-9c7d-1e2f3a4b5c6d', unlicensedShare: 0 };
const TEAMS = ['Alpha', 'Bravo', 'Charlie'].map((name, i) => ({ name: `Team ${name}`, groupId: `7a0b1c2d-3e4f-4a5b-8c6d-00000000000${i}`, unlicensedShare: 0 }));
const BAP_CAP = 4;

/** addUser calls the service admitted (a 429 is a refused attempt, retried by the job). */
const admittedAddUsers = (cluster: Cluster): number => microsoftCalls(cluster.sim).addUser - cluster.sim.stats().throttled429.bap;

const deltaRequests = (cluster: Cluster): number =>
  Object.entries(cluster.sim.stats().routes.graph).filter(([route]) => route.includes('delta')).reduce((n, [, count]) => n + count, 0);

/** Every card update any instance made to a job's card (the job runs on whichever instance holds the lane). */
const cardUpdatesOf = (cluster: Cluster, jobId: string): Card[] =>
  cluster.instances.flatMap((bot) => bot.updates).map((u) => u.attachments?.[0]?.content as Card).filter((card) => cardStrings(card).includes(`Job ${jobId}`));

/** A licensed member of UAT Testers, in UAT's security group: addUser accepts them. */
function tester(cluster: Cluster, index: number): { id: string; upn: string } {
  const { fixture } = cluster.sim.state();
  const id = fixture.groups.find((g) => g.id === TESTERS.groupId)?.members[index] as string;
  return { id, upn: fixture.users.find((u) => u.id === id)?.userPrincipalName as string };
}

/** Sends a group sync and returns its preview card (this instance prepares it; other cards may be updated here too). */
async function previewOn(bot: TestBot, text: string): Promise<Card> {
  await bot.send(text);
  await syncRuntimeFor(bot.deps).idle();
  const previews = bot.updates.map((u) => u.attachments?.[0]?.content as Card).filter((card) => /^Preview: /.test(cardStrings(card)));
  return previews[previews.length - 1] ?? lastUpdatedCard(bot);
}

describe('three instances on one PostgreSQL database', () => {
  let cluster: Cluster;
  let bots: [TestBot, TestBot, TestBot];
  beforeAll(async () => {
    cluster = await startCluster(3, {
      fixture: withAdmin(contosoWith(uatReadyGroup(6, TESTERS), ...TEAMS.map((t) => uatReadyGroup(40, t))), SECOND_ADMIN.aadObjectId),
      simConfig: { bap: { latencyMs: 40, jitterMs: 20, maxConcurrent: BAP_CAP } },
      // The default sender (the second admin) spends 11 of 14; the rate-limit test is Nadia's.
      env: { RATE_LIMIT_BURST: '14', RATE_LIMIT_PER_MINUTE: '1' },
      configOverrides: { watchIntervalSeconds: WATCH_INTERVAL_SECONDS },
    });
    bots = cluster.instances as [TestBot, TestBot, TestBot];
  }, 90_000);
  afterAll(async () => {
    await cluster?.close();
  }, 90_000);

  it('when the same "Sync all" click lands on two instances at once, then the group is synced once', async () => {
    const [first, second] = bots;
    const confirm = buttonData(await previewOn(first, 'sync Financial Coordinators to UAT'), 'Sync all anyway');
    const before = admittedAddUsers(cluster);

    const clicks = await Promise.all([first.invoke('sync.confirm', confirm), second.invoke('sync.confirm', confirm)]);
    await clusterIdle(cluster);

    expect(clicks.filter((c) => c.card !== undefined)).toHaveLength(1);
    expect(clicks.map((c) => c.text ?? '').join(' ')).toMatch(/already/i);
    const [job] = await listJobs(first.deps.db, 1);
    expect(job).toMatchObject({ state: 'done', totals: { members: 5 } });
    expect(admittedAddUsers(cluster) - before).toBe(5);
  }, 60_000);

  it('when a person syncs on any instance, the job runs once wherever the lane is, and their card ends in place with nothing else posted', async () => {
    const [, , third] = bots;
    const before = admittedAddUsers(cluster);
    const sent = messagesOf(await third.send(`sync ${tester(cluster, 0).upn} to UAT`));
    await clusterIdle(cluster);
    const job = (await getJob(third.deps.db, (await listJobs(third.deps.db, 1))[0]?.id ?? '')) as SyncJob;
    expect(job).toMatchObject({ state: 'done', totals: { members: 1, synced: 1 } });
    expect(admittedAddUsers(cluster) - before).toBe(1);
    expect(sent).toHaveLength(1);
    // The lane holder stores 'done' before it updates the card, and the instances' idle() can return in between
    // (seen once in five fresh-clone runs): wait, bounded, for the update the person would see.
    const finished = async (): Promise<string> => {
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
        const card = cardStrings(cardUpdatesOf(cluster, job.id).pop());
        if (/finished/.test(card)) return card;
      }
      return cardStrings(cardUpdatesOf(cluster, job.id).pop());
    };
    expect(await finished()).toMatch(/finished[\s\S]*1 of 1 synced/);
  }, 60_000);

  it("when one caller's expensive requests land on every instance in turn, then they draw from one rate-limit bucket", async () => {
    const from = ADMIN; // the others are sent by the default sender, the tenant's second admin
    const answers = [];
    for (let i = 0; i < 17; i += 1) answers.push(messagesOf(await (bots[i % 3] as TestBot).send('sync nobody-at-all@contoso.com to UAT', { from })).map((a) => a.text).join(' '));
    const refused = answers.filter((text) => /short time/.test(text));
    expect(refused).toHaveLength(3); // a burst of 14 across all three instances, not 14 on each
    expect(answers.slice(0, 14).every((text) => !/short time/.test(text))).toBe(true);
  }, 60_000);

  it('when a diagnosis card asks to Sync now on instances without the lane, the add still goes through the lane holder', async () => {
    const before = admittedAddUsers(cluster);
    const outcomes = await Promise.all(bots.map((bot, i) => syncRuntimeFor(bot.deps).engine.addUserNow(UAT, tester(cluster, i + 1).id)));
    expect(outcomes).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(admittedAddUsers(cluster) - before).toBe(3);
    const client = new pg.Client({ connectionString: cluster.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pgboss.job WHERE name = 'sync-add-user' AND state = 'completed'");
      expect(Number(rows[0]?.n)).toBe(2); // the two instances that do not hold the lane handed theirs over
    } finally {
      await client.end();
    }
  }, 60_000);

  it('when three group syncs start on three instances at once, the service sees one limiter: as few 429s as one instance gets', async () => {
    const previews = await Promise.all(bots.map((bot, i) => previewOn(bot, `sync ${TEAMS[i]?.name} to UAT`)));
    const throttledBefore = cluster.sim.stats().throttled429.bap;
    // Whose gateway sends each addUser: one lane means one instance, so one limiter, sends them all.
    const senders = bots.map((bot) => jest.spyOn(bot.deps.powerPlatform, 'addUser'));
    await Promise.all(bots.map((bot, i) => bot.invoke('sync.confirm', buttonData(previews[i], 'Sync all'))));
    await clusterIdle(cluster);
    const jobs = (await listJobs(bots[0].deps.db, 3)).map((j) => j.state);
    expect(jobs).toEqual(['done', 'done', 'done']);
    const sent = senders.map((spy) => spy.mock.calls.length);
    expect(sent.filter((n) => n > 0)).toHaveLength(1);
    expect(Math.max(...sent)).toBeGreaterThanOrEqual(3 * 40);
    senders.forEach((spy) => spy.mockRestore());
    // One limiter finds a cap of 4 with one burst of 429s (before it has learnt the service's background rate of
    // 429s it cannot tell the first ones from noise: docs/sync.md), then a probe now and then; three limiters,
    // each starting at 8 against the same cap, would each pay that burst and keep refusing each other.
    expect(cluster.sim.stats().throttled429.bap - throttledBefore).toBeLessThanOrEqual(40);
  }, 90_000);

  it('when three instances watch a group, then it is checked once per interval, and a new member is synced once', async () => {
    const [first] = bots;
    expect(messagesOf(await first.send('watch UAT Testers for UAT')).map((a) => a.text).join()).toMatch(/Watching/);
    const jobsBefore = (await listJobs(first.deps.db, 100)).length;
    const avery = cluster.sim.state().fixture.users.find((u) => u.displayName === 'Avery Brooks')?.id as string;
    await first.deps.graph.addGroupMember(TESTERS.groupId, avery);

    const checksBefore = deltaRequests(cluster);
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 4 * WATCH_INTERVAL_SECONDS * 1000));
    const checks = deltaRequests(cluster) - checksBefore;
    const slots = (Date.now() - started) / (WATCH_INTERVAL_SECONDS * 1000);
    // One check per 2 s slot (± one at either end of the window); one per instance per interval would be three times as many.
    expect(checks).toBeGreaterThanOrEqual(Math.floor(slots) - 1);
    expect(checks).toBeLessThanOrEqual(Math.ceil(slots) + 1);

    await clusterIdle(cluster);
    const jobs = await listJobs(first.deps.db, 100);
    expect(jobs.length - jobsBefore).toBe(1);
    expect(jobs[0]).toMatchObject({ target: 'a new member of UAT Testers (watched)', state: 'done' });
  }, 60_000);

  it('when an admin runs the CLI sync against the same database, the instance holding the lane runs it, and the CLI reports it', async () => {
    const before = admittedAddUsers(cluster);
    const out: string[] = [];
    const err: string[] = [];
    const env = { DATA_SOURCE: 'simulated', SIM_URL: cluster.sim.origin, DATABASE_URL: cluster.databaseUrl, LOG_LEVEL: 'silent', SYNC_PROGRESS_INTERVAL_SECONDS: '1' };
    const code = await runCli(['sync', 'Financial Coordinators', '--env=UAT', '--json'], env, { out: (line) => out.push(line), err: (line) => err.push(line) });
    expect(code).toBe(3); // two of the five have no licence
    expect(err.join('\n')).toMatch(/handed to the bot's instances/);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ totals: { members: 5, synced: 3, failed: 2 } });
    expect(admittedAddUsers(cluster) - before).toBe(5);
  }, 60_000);
});
