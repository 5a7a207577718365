import { runCli } from '../../src/cli/index';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

const env = { STORE_PATH: ':memory:', LOG_LEVEL: 'silent' };
const json = (lines: string[]) => JSON.parse(lines.join('\n')) as Record<string, unknown>;

describe('npm run cli -- roles, assign-role, remove-role, move-bu, link-group, group-teams', () => {
  it('roles --json lists the root roles with their holders', async () => {
    const { out, io } = capture();
    await expect(runCli(['roles', '--env', 'UAT', '--json'], env, io)).resolves.toBe(0);
    const view = json(out) as { environment: string; rows: { name: string; people: number; description: string }[]; businessUnits: string[] };
    expect(view.environment).toBe('UAT');
    expect(view.businessUnits).toEqual(['contosouat', 'Finance']);
    expect(view.rows.find((r) => r.name === 'Finance Clerk')).toEqual({ name: 'Finance Clerk', description: 'Enters invoices and expense claims for the finance team.', people: 0, teams: 0, businessUnits: 2 });
  });

  it('assign-role without --yes only says what it would do; with --yes it gives the role', async () => {
    const dry = capture();
    await expect(runCli(['assign-role', 'Siobhan', "O'Brien", '--role', 'Finance Clerk', '--env', 'UAT'], env, dry.io)).resolves.toBe(0);
    expect(dry.out).toEqual(["Give Siobhan O'Brien the Finance Clerk role in UAT?", "Siobhan O'Brien (siobhan.obrien@contoso.com) gets the security role Finance Clerk in UAT.", 'Nothing changed. Run again with --yes to do it.']);
    const done = capture();
    await expect(runCli(['assign-role', 'siobhan.obrien@contoso.com', '--role', 'finance clerk', '--env', 'UAT', '--yes', '--json'], env, done.io)).resolves.toBe(0);
    expect(json(done.out)).toMatchObject({ done: true, message: expect.stringContaining("Done: Siobhan O'Brien has the Finance Clerk role in UAT"), plan: { copy: { businessUnitName: 'contosouat' } } });
  });

  it('remove-role, refused writes and unknown names exit with 1 and say why', async () => {
    const removed = capture();
    await expect(runCli(['remove-role', 'Wei Zhang', '--role', 'Auditor', '--env', 'UAT', '--yes'], env, removed.io)).resolves.toBe(0);
    expect(removed.out).toEqual(['Done: Wei Zhang no longer has the Auditor role directly in UAT.']);
    const privilege = capture();
    await expect(runCli(['assign-role', 'Avery Brooks', '--role', 'Environment Maker', '--env', 'UAT Finance', '--yes'], env, privilege.io)).resolves.toBe(1);
    expect(privilege.out.join('\n')).toContain('lacks the privilege to assign security roles (prvAssignRole)');
    const unknown = capture();
    await expect(runCli(['assign-role', 'Siobhan', '--role', 'Finanse Clerk', '--env', 'UAT'], env, unknown.io)).resolves.toBe(1);
    expect(unknown.out).toEqual(['UAT has no security role called "Finanse Clerk". Did you mean:', '  - Finance Clerk: "give d6cd3e80-8cdd-461c-bf08-91a94f6b8c9e the Finance Clerk role in ceb11b53-d685-4c77-9a64-37b481898617"']);
    const option = capture();
    await expect(runCli(['assign-role', 'Siobhan', '--role'], env, option.io)).resolves.toBe(1);
    expect(option.err.join('\n')).toContain('--role needs a value');
  });

  it('move-bu says what happens to the roles and which come back; link-group refuses a duplicate and creates a new link', async () => {
    const move = capture();
    await expect(runCli(['move-bu', 'Wei Zhang', '--business-unit', 'Finance', '--env', 'UAT', '--keep', 'Auditor'], env, move.io)).resolves.toBe(0);
    expect(move.out[1]).toContain('By default Dataverse removes every security role given to Wei Zhang directly when the business unit changes (now: Auditor).');
    expect(move.out[1]).toContain('Roles given back: Auditor.');
    const moved = capture();
    await expect(runCli(['move-bu', 'Wei Zhang', '--business-unit', 'Finance', '--env', 'UAT', '--keep-all', '--yes'], env, moved.io)).resolves.toBe(0);
    expect(moved.out).toEqual(['Done: Wei Zhang is in the business unit Finance in UAT. Roles in Finance: Auditor.']);

    const duplicate = capture();
    await expect(runCli(['link-group', 'Financial Coordinators', '--role', 'Finance Clerk', '--env', 'UAT', '--yes'], env, duplicate.io)).resolves.toBe(1);
    expect(duplicate.out.join('\n')).toContain('the group team Financial Coordinator Team gives Finance Coordinator');
    const linked = capture();
    await expect(runCli(['link-group', 'Financial Coordinators', '--role', 'Finance Clerk', '--env', 'UAT', '--membership', 'owners', '--yes', '--json'], env, linked.io)).resolves.toBe(0);
    expect(json(linked.out)).toMatchObject({ done: true, plan: { membershipType: 2, group: { kind: 'securityGroup' } } });
    const teams = capture();
    await expect(runCli(['group-teams', '--env', 'UAT'], env, teams.io)).resolves.toBe(0);
    expect(teams.out).toContain('Financial Coordinator Team: Security group Financial Coordinators, Members and guests; roles: Finance Coordinator');
  });

  it('sync --role gives the role to the synced members and reports the step in --json', async () => {
    const { out, io } = capture();
    await expect(runCli(['sync', 'Avery Brooks', '--env', 'UAT', '--role', 'Finance Clerk', '--json'], { ...env, SYNC_CONFIRM_VISIBILITY_SECONDS: '5' }, io)).resolves.toBe(0);
    const report = JSON.parse(out.join('')) as { roleStep: unknown; members: { role?: unknown }[] };
    expect(report.roleStep).toEqual({ role: 'Finance Clerk', businessUnit: null, assigned: 1, held: 0, failed: 0 });
    expect(report.members[0]?.role).toEqual({ outcome: 'assigned', detail: null });
  });
});
