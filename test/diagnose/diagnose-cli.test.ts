import { runCli } from '../../src/cli/index';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

const env = { STORE_PATH: ':memory:', LOG_LEVEL: 'silent' };

describe('npm run cli -- diagnose', () => {
  it('--json prints the documented shape (user, environment, verdict, checks[id,status,detail,fix])', async () => {
    const { out, io } = capture();
    await expect(runCli(['diagnose', 'jane.doe@contoso.com', '--env', 'UAT', '--json'], env, io)).resolves.toBe(0);
    const json = JSON.parse(out.join('\n')) as { user: string; environment: string; verdict: string; checks: { id: string; status: string; detail: string; fix: string | null }[] };
    expect(Object.keys(json)).toEqual(['subject', 'user', 'environment', 'verdict', 'checks']);
    expect(json).toMatchObject({ user: 'jane.doe@contoso.com', environment: 'UAT', verdict: 'blocked' });
    expect(json.checks.map((c) => c.id).sort()).toEqual(['dataverse-user', 'entra-account', 'environment', 'license', 'security-group', 'security-role']);
    expect(json.checks[0]).toMatchObject({ id: 'security-group', status: 'fail' });
    expect(json.checks[0]?.fix).toContain('Add Jane to UAT Access');
  });

  it('prints a readable checklist for a multi-word name', async () => {
    const { out, io } = capture();
    await expect(runCli(['diagnose', 'Siobhan', "O'Brien", '--env', 'UAT'], env, io)).resolves.toBe(0);
    expect(out[0]).toBe("Siobhan O'Brien (siobhan.obrien@contoso.com) in UAT: Can access");
    expect(out).toContain('  ✅ Security role: Siobhan has Basic User (direct), Basic User (group team Finance Department Team) and Finance Approver (team Finance Approvers).');
  });

  it('--everywhere prints one line per environment', async () => {
    const { out, io } = capture();
    await expect(runCli(['diagnose', 'Jane Doe', '--everywhere'], env, io)).resolves.toBe(0);
    expect(out).toHaveLength(11);
    expect(out.join('\n')).toMatch(/❌ Marketing Sites: Jane can't get into Marketing Sites/);
  });

  it('explains ambiguity, a missing default environment and bad options with exit code 1', async () => {
    const a = capture();
    await expect(runCli(['diagnose', 'Alex', '--env', 'UAT'], env, a.io)).resolves.toBe(1);
    expect(a.err.join('\n')).toContain('Several people match "Alex": ');
    const b = capture();
    await expect(runCli(['diagnose', 'Jane Doe'], env, b.io)).resolves.toBe(1);
    expect(b.err.join('\n')).toContain('No default environment is configured (DEFAULT_ENVIRONMENT); pass --env.');
    const c = capture();
    await expect(runCli(['diagnose', 'Jane', '--envv', 'UAT'], env, c.io)).resolves.toBe(1);
    expect(c.err.join('\n')).toContain('Unknown option --envv');
  });
});
