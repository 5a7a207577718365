/**
 * Three bot processes on one PostgreSQL and one simulated tenant (jobs on pg-boss). The instance
 * running a 5,000-member sync is killed with SIGKILL in the middle of it: another instance takes
 * the addUser lane over once the dead one's heartbeat lapses (JOB_HEARTBEAT_SECONDS=10 here, so
 * the bound is seconds, not the minute production allows) and finishes the job from the stored outcomes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { bossTiming, resumeBoundSeconds } from '../../src/jobs/boss/timing';
import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import { newPostgresDatabase } from '../helpers/stores';
import { NOTIFY_CONVERSATION, REQUESTER_CONVERSATION } from './helpers/instance-conversations';
import { countingProxy, type CountingProxy } from './helpers/counting-proxy';
import { contosoWith, demoAdmin, uatReadyGroup } from './helpers/tenant';

const INSTANCE = join(__dirname, 'fixtures', 'instance-process.ts');
const MEMBERS = 5_000;
const GROUP = { name: 'Scale Testers', groupId: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0', unlicensedShare: 0.02 };
const HEARTBEAT_SECONDS = 10;

type Line = Record<string, unknown>;

interface Instance {
  name: string;
  process: ChildProcess;
  lines: Line[];
  exited: Promise<number | null>;
}

function startInstance(name: string, mode: 'serve' | 'sync', env: NodeJS.ProcessEnv): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', INSTANCE, mode, `sync ${GROUP.name} to UAT`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Line[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) if (part.trim().startsWith('{')) lines.push({ ...(JSON.parse(part) as Line), at: Date.now() });
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve, reject) =>
    child.on('exit', (code, signal) => (code === 0 || signal === 'SIGKILL' ? resolve(code) : reject(new Error(`instance ${name} exited ${code ?? signal}:\n${stderr}`)))),
  );
  return { name, process: child, lines, exited };
}

let instances: Instance[] = [];

/** What each instance said last, for a failure message. */
const lastWords = (): string => instances.map((i) => `${i.name}: ${i.lines.slice(-4).map((l) => JSON.stringify(l).slice(0, 300)).join('\n   ')}`).join('\n');

async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the instances said last:\n${lastWords()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const laneTakenAt = (instance: Instance): number[] => instance.lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('holding the addUser lane')).map((l) => l.at as number);
const sum = (counts: Iterable<number>): number => [...counts].reduce((a, b) => a + b, 0);

describe('three instances, and the one running a 5,000-member sync is killed', () => {
  let sim: RunningSimulator;
  let proxy: CountingProxy;
  let db: pg.Client;
  beforeAll(async () => {
    instances = [];
    sim = await startSimulator({ port: 0, fixture: contosoWith(uatReadyGroup(MEMBERS, GROUP)), config: { bap: { latencyMs: 10, jitterMs: 5 } } });
    proxy = await countingProxy(sim.origin);
    const url = await newPostgresDatabase();
    db = new pg.Client({ connectionString: url });
    await db.connect();
    const env = {
      ...process.env, DATA_SOURCE: 'simulated', SIM_URL: proxy.origin, DATABASE_URL: url, JOB_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS),
      SYNC_MAX_CONCURRENCY: '16', SYNC_PROGRESS_INTERVAL_SECONDS: '2', SYNC_CONFIRM_VISIBILITY_SECONDS: '20', TEST_ADMIN_ID: demoAdmin(sim.state().fixture).aadObjectId,
    };
    // The first creates the schemas and takes the lane; the other two join it, and C starts the sync.
    const ready = (instance: Instance) => until(() => instance.lines.some((l) => l.kind === 'ready'), 120_000, `instance ${instance.name} to start`);
    instances.push(startInstance('A', 'serve', env));
    await ready(instances[0] as Instance);
    instances.push(startInstance('B', 'serve', env), startInstance('C', 'sync', env));
    await Promise.all(instances.map(ready));
  }, 240_000);
  afterAll(async () => {
    for (const instance of instances) if (instance.process.exitCode === null && instance.process.signalCode === null) instance.process.kill('SIGTERM');
    await Promise.allSettled(instances.map((i) => i.exited));
    await db?.end();
    await proxy?.close();
    await sim?.close();
  }, 60_000);

  it('finishes on another instance within the heartbeat bound: every member once, addUser at most twice and only for those in flight, the requester told once', async () => {
    const job = await until(async () => (await db.query<{ id: string }>('SELECT id FROM sync_jobs WHERE state = $1', ['running'])).rows[0], 120_000, 'the sync job to run');
    await until(() => sum(proxy.admittedAddUsers.values()) >= 1_500, 120_000, '1,500 addUser calls');
    const holder = instances.reduce((latest, i) => ((laneTakenAt(i).pop() ?? 0) > (laneTakenAt(latest).pop() ?? 0) ? i : latest));
    holder.process.kill('SIGKILL');
    await holder.exited;
    const killedAt = Date.now();
    const callsAtKill = sum(proxy.admittedAddUsers.values());
    expect(callsAtKill).toBeLessThan(MEMBERS); // killed in the middle
    // Members the dead instance had claimed but not stored an outcome for: the only ones a resume may add again.
    const unsettled = Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM sync_job_members WHERE job_id = $1 AND state = 'running'", [job.id])).rows[0]?.n);

    const survivors = instances.filter((i) => i !== holder);
    const takeover = await until(() => survivors.flatMap(laneTakenAt).find((at) => at > killedAt), 60_000, 'another instance to take the lane');
    expect((takeover - killedAt) / 1000).toBeLessThanOrEqual(resumeBoundSeconds(bossTiming(HEARTBEAT_SECONDS)) + 5); // 5 s margin: a loaded machine

    const finished = await until(async () => (await db.query<{ state: string; members: number; synced: number; failed: number }>(
      "SELECT state, members, synced, failed FROM sync_jobs WHERE id = $1 AND state IN ('done', 'failed')", [job.id])).rows[0], 180_000, 'the job to finish');
    const unlicensed = sim.state().fixture.users.filter((u) => u.userPrincipalName.startsWith('scale.testers.') && u.licenses.length === 0).length;
    expect(finished).toEqual({ state: 'done', members: MEMBERS, synced: MEMBERS - unlicensed, failed: unlicensed });

    // Each member once in the result: one row each, finished once.
    const rows = (await db.query<{ state: string; n: string; ids: string }>('SELECT state, count(*) AS n, count(DISTINCT object_id) AS ids FROM sync_job_members WHERE job_id = $1 GROUP BY state ORDER BY state', [job.id])).rows;
    expect(rows.map((r) => [r.state, Number(r.n), Number(r.ids)])).toEqual([['failed', unlicensed, unlicensed], ['synced', MEMBERS - unlicensed, MEMBERS - unlicensed]]);
    const uat = sim.state().fixture.environments.find((e) => e.displayName === 'UAT');
    const synced = uat?.dataverse?.systemUsers.filter((u) => u.domainName.startsWith('scale.testers.')) ?? [];
    expect(new Set(synced.map((u) => u.azureObjectId)).size).toBe(MEMBERS - unlicensed);

    // addUser: once per member, twice only for the members in flight (claimed, outcome not stored) at the kill.
    const counts = [...proxy.admittedAddUsers.values()];
    expect(counts).toHaveLength(MEMBERS);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
    expect(counts.filter((n) => n === 2).length).toBeLessThanOrEqual(unsettled);

    // The requester's card ends in place with the result, and nothing else reaches their conversation;
    // the notify-here conversation gets one message for the failures, from one instance.
    // The instance that finished the job tells the world right after storing `done`: wait for that, then a moment for any duplicate.
    const finishedCard = new RegExp(`finished with ${unlicensed} failures`);
    const cardUpdates = () => instances.flatMap((i) => i.lines).filter((l) => l.kind === 'update' && l.id === 'job-card').sort((a, b) => (a.at as number) - (b.at as number));
    await until(() => finishedCard.test(JSON.stringify(cardUpdates().pop()?.card)), 30_000, 'the result card');
    await until(() => instances.flatMap((i) => i.lines).some((l) => l.kind === 'send' && l.conversation === NOTIFY_CONVERSATION), 30_000, 'the failure notice');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const lines = instances.flatMap((i) => i.lines);
    expect(JSON.stringify(cardUpdates().pop()?.card)).toMatch(finishedCard);
    expect(lines.filter((l) => l.kind === 'send' && l.conversation === REQUESTER_CONVERSATION)).toEqual([]);
    expect(lines.filter((l) => l.kind === 'send' && l.conversation === NOTIFY_CONVERSATION)).toHaveLength(1);
  }, 420_000);
});
