import { runCli } from '../../src/cli/index';

const PREMIUM = 'b30411f5-fea1-4a59-9ad9-3db7c7ead579';
const env = { STORE_PATH: ':memory:', LOG_LEVEL: 'silent' };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

describe('npm run cli -- who-has-access / remove-access / assign-licence', () => {
  it('who-has-access --json prints every category with everyone in it; without --json a list per category', async () => {
    const json = capture();
    await expect(runCli(['who-has-access', 'UAT', '--json'], env, json.io)).resolves.toBe(0);
    const report = JSON.parse(json.out.join('\n')) as { group: { displayName: string }; notYet: { name: string; note: string | null }[]; disabled: unknown[]; memberCount: number };
    expect(report.group.displayName).toBe('UAT Access');
    expect(report.memberCount).toBe(18);
    expect(report.notYet).toHaveLength(13);
    expect(report.notYet).toContainEqual(expect.objectContaining({ name: 'Lucas Martin', note: 'no Dataverse licence: a sync would be refused' }));
    const text = capture();
    await expect(runCli(['who-has-access', 'UAT'], env, text.io)).resolves.toBe(0);
    expect(text.out).toContain('Members of the security group not yet in the environment: 13');
    expect(text.out).toContain('  Tom Becker <tom.becker@contoso.com> (sign-in blocked: a sync would be refused)');
  });

  it('remove-access only says what it would do without --yes, and with it removes and lists the role removals that follow', async () => {
    const dry = capture();
    await expect(runCli(['remove-access', 'Siobhan', '--env', 'UAT'], env, dry.io)).resolves.toBe(0);
    expect(dry.out).toEqual(["Remove Siobhan O'Brien from UAT Access?", expect.stringContaining('at its next background sync'), 'Nothing changed. Run again with --yes to do it.']);
    const done = capture();
    await expect(runCli(['remove-access', 'Siobhan', '--env', 'UAT', '--yes'], env, done.io)).resolves.toBe(0);
    expect(done.out[0]).toContain("Done: Siobhan O'Brien is no longer in UAT Access.");
    expect(done.out.join('\n')).toMatch(/Remove Basic User from Siobhan O'Brien: "remove the Basic User role from d6cd3e80-/);
    const none = capture();
    await expect(runCli(['remove-access', 'Jane', '--env', 'Contoso (default)', '--json'], env, none.io)).resolves.toBe(1);
    expect(JSON.parse(none.out.join('\n'))).toMatchObject({ done: false, message: expect.stringContaining('Contoso (default) has no security group') });
  });

  it('assign-licence offers the licensing group first, assigns directly with --using, and says why not for a guest without a usage location', async () => {
    const dry = capture();
    await expect(runCli(['assign-licence', 'Lucas', '--env', 'UAT', '--json'], env, dry.io)).resolves.toBe(0);
    expect(JSON.parse(dry.out.join('\n'))).toMatchObject({ done: false, wouldDo: 'Add Lucas Martin to Power Apps Premium Licensing?' });
    const direct = capture();
    await expect(runCli(['assign-licence', 'Lucas', '--env', 'UAT', '--using', `direct:${PREMIUM}`, '--yes'], env, direct.io)).resolves.toBe(0);
    expect(direct.out[0]).toContain('Done: Lucas Martin has a Power Apps Premium licence.');
    expect(direct.out.join('\n')).toMatch(/wait for licences"/);
    const guest = capture();
    await expect(runCli(['assign-licence', 'Fatima', '--using', `direct:${PREMIUM}`], env, guest.io)).resolves.toBe(1);
    expect(guest.out[0]).toContain('Fatima Khan has no usage location');
  });
});
