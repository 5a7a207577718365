import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import { addUserCalls } from './helpers/sim-stats';
import { contosoWith, demoAdmin, uatReadyGroup } from './helpers/tenant';

const BOT_PROCESS = join(__dirname, 'fixtures', 'bot-process.ts');
const GROUP = { name: 'Crash Testers', groupId: '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7' };

interface Child {
  process: ChildProcess;
  lines: Record<string, unknown>[];
  /** Exit code; rejects with the child's stderr when it fails. */
  exited: Promise<number | null>;
}

function runBot(mode: 'start' | 'resume', env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', BOT_PROCESS, mode, `sync ${GROUP.name} to UAT`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve, reject) =>
    child.on('exit', (code, signal) => (code === 0 || signal === 'SIGKILL' ? resolve(code) : reject(new Error(`bot process ${mode} exited ${code}:\n${stderr}`)))),
  );
  return { process: child, lines, exited };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a bot process killed in the middle of a 500-member sync', () => {
  let sim: RunningSimulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      fixture: contosoWith(uatReadyGroup(500, { ...GROUP, unlicensedShare: 0.1 })),
      config: { bap: { latencyMs: 25, maxConcurrent: 8, retryAfterSeconds: 1 } },
    });
    dir = mkdtempSync(join(tmpdir(), 'sync-crash-'));
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after SIGKILL: every member exactly once, the card finished in place and the requester told', async () => {
    const admin = demoAdmin(sim.state().fixture);
    const env = {
      ...process.env, DATA_SOURCE: 'simulated', SIM_URL: sim.origin, STORE_PATH: join(dir, 'bot.sqlite'), LOG_LEVEL: 'warn',
      SYNC_PROGRESS_INTERVAL_SECONDS: '1', SYNC_CONFIRM_VISIBILITY_SECONDS: '10', TEST_ADMIN_ID: admin.aadObjectId,
    };
    const first = runBot('start', env);
    await until(() => addUserCalls(sim) >= 150, 30_000, '150 addUser calls');
    first.process.kill('SIGKILL');
    await first.exited;
    const callsAtKill = addUserCalls(sim);
    expect(callsAtKill).toBeLessThan(500);
    // Members asked but with no outcome stored at the kill (in flight, or answered but not yet written: outcomes
    // are written in batches every 100 ms) are the only ones resume may ask again.
    const atKill = new BetterSqlite3(env.STORE_PATH, { readonly: true });
    const { stored } = atKill.prepare("SELECT COUNT(*) AS stored FROM sync_job_members WHERE state IN ('synced', 'failed')").get() as { stored: number };
    atKill.close();
    const askedNotStored = callsAtKill - sim.stats().throttled429.bap - stored;

    const second = runBot('resume', env);
    expect(await second.exited).toBe(0);
    expect(second.lines.find((l) => l.kind === 'resumed')?.jobs).toHaveLength(1);

    const db = new BetterSqlite3(env.STORE_PATH, { readonly: true });
    const job = db.prepare('SELECT * FROM sync_jobs').get() as { id: string; state: string; members: number; synced: number; failed: number };
    const states = db.prepare('SELECT state, COUNT(*) AS n, COUNT(DISTINCT object_id) AS ids FROM sync_job_members GROUP BY state').all();
    db.close();
    expect(job).toMatchObject({ state: 'done', members: 500, synced: 450, failed: 50 });
    expect(states).toEqual([
      { state: 'failed', n: 50, ids: 50 },
      { state: 'synced', n: 450, ids: 450 },
    ]);

    // Only the members in flight (or not yet written) at the kill were asked twice; throttled attempts
    // (each process finds the service's cap again) were refused by the service and do not count.
    expect(askedNotStored).toBeGreaterThanOrEqual(0);
    expect(askedNotStored).toBeLessThan(100);
    expect(addUserCalls(sim) - sim.stats().throttled429.bap).toBeLessThanOrEqual(500 + askedNotStored);
    const uat = sim.state().fixture.environments.find((e) => e.displayName === 'UAT');
    const rows = uat?.dataverse?.systemUsers.filter((u) => u.domainName.startsWith('crash.testers.')) ?? [];
    expect(rows).toHaveLength(450);
    expect(new Set(rows.map((r) => r.azureObjectId)).size).toBe(450);

    const finalCard = second.lines.filter((l) => l.kind === 'update' && l.id === 'job-card').pop();
    expect(JSON.stringify(finalCard?.card)).toMatch(/finished with 50 failures/);
    expect(JSON.stringify(finalCard?.card)).toMatch(/No licence with Dataverse \(50\)/);
    // The requester is told by that card, updated in place: no further message in its conversation.
    expect(second.lines.filter((l) => l.kind === 'send' && l.conversation === 'crash-test-conversation')).toEqual([]);
  }, 60_000);
});
