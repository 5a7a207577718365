import { runCli } from '../../src/cli/index';
import { startSimulator, type RunningSimulator } from '../../src/sim/server';
import { addUserCalls } from './helpers/sim-stats';

interface CliRun {
  code: number;
  out: string;
  err: string;
}

describe('npm run cli -- sync', () => {
  let sim: RunningSimulator;
  const cli = async (...args: string[]): Promise<CliRun> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['sync', ...args], { DATA_SOURCE: 'simulated', SIM_URL: sim.origin, STORE_PATH: ':memory:', LOG_LEVEL: 'silent' }, {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('--dry-run --json predicts ready or blocked per member and adds nobody', async () => {
    const run = await cli('Financial', 'Coordinators', '--env', 'UAT', '--dry-run', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out) as { environment: { displayName: string }; totals: Record<string, number>; members: { userPrincipalName: string; outcome: string; reason: string | null; detail: string }[] };
    expect(report.environment.displayName).toBe('UAT');
    expect(report.totals).toMatchObject({ members: 5, ready: 3, blocked: 2 });
    expect(report.members.filter((m) => m.outcome === 'blocked').map((m) => [m.userPrincipalName, m.reason])).toEqual([
      ['lucas.martin@contoso.com', 'license'],
      ['emma.schultz@contoso.com', 'license'],
    ]);
    expect(report.members.every((m) => m.detail.length > 0)).toBe(true);
    expect(addUserCalls(sim)).toBe(0);
  });

  it('--json syncs and reports each member with the inner error code; exit code 3 when some failed', async () => {
    const run = await cli('Financial Coordinators', '--env=UAT', '--json');
    expect(run.code).toBe(3);
    const report = JSON.parse(run.out) as { totals: Record<string, number>; members: { id: string; outcome: string; reason: string | null }[] };
    expect(report.totals).toEqual({ members: 5, synced: 3, failed: 2, skipped: 0 });
    expect(report.members.map((m) => m.outcome).sort()).toEqual(['failed', 'failed', 'synced', 'synced', 'synced']);
    expect(report.members.filter((m) => m.outcome === 'failed').map((m) => m.reason)).toEqual(['userNotLicensed', 'userNotLicensed']);
    expect(report.members.every((m) => /^[0-9a-f-]{36}$/.test(m.id))).toBe(true);
  });

  it('reads flags and names as the chat does: invisible characters dropped, so a pasted --dry-run still only predicts', async () => {
    const before = addUserCalls(sim);
    const run = await cli('Financial\u200b Coordinators', '--env', 'UAT', '--dry-run\u200b', '--json');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.out) as { totals: Record<string, number> }).totals).toMatchObject({ members: 5 });
    expect(addUserCalls(sim)).toBe(before);
  });

  it('prints a readable summary without --json', async () => {
    const run = await cli('Lucas Martin', '--env', 'UAT');
    expect(run.out).toMatch(/0 synced .* 1 failed/);
    expect(run.out).toMatch(/No licence with Dataverse \(1\): Lucas Martin\. Assign/);
  });

  it.each([
    [['Financial Coordinators'], /Say where to sync with --env/],
    [['--env', 'UAT'], /Say who to sync/],
    [['Jane Doe', '--env', 'UAT', '--force'], /Unknown option --force/],
    [['Jane Doe', '--env', 'Narnia'], /No environment matches "Narnia"/],
    [['Nobody Atall', '--env', 'UAT'], /can't find a group or person called "Nobody Atall"/],
    [['Jane Doe', '--env', '   '], /Say where to sync with --env/],
    [['x'.repeat(300), '--env', 'UAT'], /That name is too long \(300 characters, at most 256\)/],
    [['Jane Doe', '--env', 'U'.repeat(300)], /That environment name is too long/],
    [[Array.from({ length: 51 }, (_, i) => `Person ${i}`).join(', '), '--env', 'UAT'], /too many people for one message \(51, at most 50\)/],
  ])('refuses %j with a clear message', async (args, message) => {
    const before = addUserCalls(sim);
    const run = await cli(...args);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(message);
    expect(addUserCalls(sim)).toBe(before);
  });
});
