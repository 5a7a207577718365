import { runCli } from '../../src/cli/index';

/** `npm run cli -- diagnose <person> --app <app> [--env <env>] [--json]` (issue 14). */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

const env = { STORE_PATH: ':memory:', LOG_LEVEL: 'silent' };

describe('npm run cli -- diagnose --app', () => {
  it('--json carries the environment checks and the app checks', async () => {
    const { out, io } = capture();
    await expect(runCli(['diagnose', 'hannah.weber@contoso.com', '--app', 'Budget Planner', '--json'], env, io)).resolves.toBe(0);
    const json = JSON.parse(out.join('\n')) as Record<string, unknown> & { appChecks: { id: string; status: string; fix: string | null }[]; environmentChecks: { id: string }[] };
    expect(Object.keys(json)).toEqual(['subject', 'user', 'app', 'environment', 'verdict', 'permission', 'appRoles', 'environmentChecks', 'appChecks']);
    expect(json).toMatchObject({ user: 'hannah.weber@contoso.com', app: { kind: 'canvas', name: 'Budget Planner' }, environment: 'Contoso Production', verdict: 'blocked', permission: 'can-view' });
    expect(json.appChecks.map((c) => c.id).sort()).toEqual(['app-access', 'app-licence', 'app-state']);
    expect(json.appChecks[0]).toMatchObject({ id: 'app-licence', status: 'fail' });
    expect(json.appChecks[0]?.fix).toContain('Assign Power Apps Premium');
    expect(json.environmentChecks).toHaveLength(6);
  });

  it('prints the app part and the environment part; a name in several environments needs --env or --everywhere', async () => {
    const text = capture();
    await expect(runCli(['diagnose', 'Jane', 'Doe', '--app', 'Expense Tracker', '--env', 'UAT'], env, text.io)).resolves.toBe(0);
    expect(text.out[0]).toBe('Jane Doe (jane.doe@contoso.com) · Expense Tracker (model-driven app) in UAT: Blocked');
    expect(text.out).toContain('The app:');
    expect(text.out).toContain('The environment:');
    const several = capture();
    await expect(runCli(['diagnose', 'Jane Doe', '--app', 'Expense Tracker'], env, several.io)).resolves.toBe(1);
    expect(several.err.join('\n')).toContain('Expense Tracker is in UAT, Contoso Production: pass --env or --everywhere.');
    const all = capture();
    await expect(runCli(['diagnose', 'Jane Doe', '--app', 'Expense Tracker', '--everywhere', '--json'], env, all.io)).resolves.toBe(0);
    expect((JSON.parse(all.out.join('\n')) as { verdict: string }[]).map((d) => d.verdict).sort()).toEqual(['blocked', 'can-open']);
  });

  it('an unknown app exits 1 with the nearest names', async () => {
    const { err, io } = capture();
    await expect(runCli(['diagnose', 'Jane Doe', '--app', 'Field Inspektion'], env, io)).resolves.toBe(1);
    expect(err.join('\n')).toContain('No app called "Field Inspektion". Did you mean Field Inspection?');
  });
});
