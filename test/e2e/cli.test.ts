import { runCli } from '../../src/cli/index';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

const env = { STORE_PATH: ':memory:', LOG_LEVEL: 'silent' };

describe('npm run cli', () => {
  it('when "environments --json" runs on the demo tenant, then stdout is the environment list as JSON', async () => {
    const { out, io: streams } = io();
    await expect(runCli(['environments', '--json'], env, streams)).resolves.toBe(0);
    const rows = JSON.parse(out.join('\n')) as { name: string; securityGroup: string; dataverse: boolean }[];
    expect(rows.find((r) => r.name === 'UAT')).toMatchObject({ securityGroup: 'UAT Access', dataverse: true });
    expect(rows.find((r) => r.name === 'Marketing Sites')).toMatchObject({ dataverse: false });
  });

  it('when "environments" runs, then it prints a table with a header', async () => {
    const { out, io: streams } = io();
    await expect(runCli(['environments'], env, streams)).resolves.toBe(0);
    expect(out[0]).toMatch(/^Name\s+Type\s+Dataverse\s+Security group\s+State$/);
    expect(out.some((l) => /^UAT\s+Sandbox\s+yes\s+UAT Access\s+Enabled$/.test(l))).toBe(true);
  });

  it('when an option is unknown, then it says which and exits 1', async () => {
    const { err, io: streams } = io();
    await expect(runCli(['environments', '--csv'], env, streams)).resolves.toBe(1);
    expect(err.join('\n')).toContain('Unknown option --csv. Usage: environments [--json]');
  });

  it('when the command is unknown, then the usage lists the commands and it exits 2', async () => {
    const { err, io: streams } = io();
    await expect(runCli(['enviroments'], env, streams)).resolves.toBe(2);
    expect(err.join('\n')).toMatch(/Unknown command "enviroments"[\s\S]*environments \[--json\]/);
  });

  it('when the configuration is invalid, then every problem is printed and it exits 1', async () => {
    const { err, io: streams } = io();
    await expect(runCli(['environments'], { ...env, PORT: 'x', SIM_URL: 'nope' }, streams)).resolves.toBe(1);
    expect(err.join('\n')).toMatch(/SIM_URL must be[\s\S]*PORT must be/);
  });
});

describe('npm run cli against a simulator that is already running (SIM_URL)', () => {
  it('when SIM_URL points at a running simulator, then the CLI uses its tenant instead of starting one', async () => {
    const { startSimulator } = await import('../../src/sim/server');
    const sim = await startSimulator({ port: 0 });
    try {
      const before = sim.stats().requests.bap;
      const { out, io: streams } = io();
      await expect(runCli(['environments', '--json'], { ...env, SIM_URL: sim.origin }, streams)).resolves.toBe(0);
      expect((JSON.parse(out.join('\n')) as unknown[]).length).toBe(sim.state().fixture.environments.length);
      expect(sim.stats().requests.bap - before).toBe(1);
    } finally {
      await sim.close();
    }
  });

  it('when nothing answers at SIM_URL, then the error says so and how to fix it', async () => {
    const { err, io: streams } = io();
    await expect(runCli(['environments'], { ...env, SIM_URL: 'http://127.0.0.1:9' }, streams)).resolves.toBe(1);
    expect(err.join('\n')).toMatch(/SIM_URL http:\/\/127\.0\.0\.1:9 does not answer as a simulated tenant[\s\S]*npm run sim/);
  });
});
