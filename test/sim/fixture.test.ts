import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureError, loadFixture } from '../../src/sim/fixture';
import type { TenantFixture } from '../../src/sim/model';
import { startSimulator } from '../../src/sim/server';
import { SMALL_TENANT } from './helpers';

const small = (): TenantFixture => JSON.parse(readFileSync(SMALL_TENANT, 'utf8')) as TenantFixture;
const problemsOf = (fixture: unknown): string[] => {
  try {
    loadFixture(fixture as TenantFixture);
  } catch (err) {
    if (err instanceof FixtureError) return err.problems;
    throw err;
  }
  return [];
};

describe('fixture validation', () => {
  it('accepts the test tenant and expands its generator deterministically', () => {
    const a = loadFixture(SMALL_TENANT);
    const b = loadFixture(SMALL_TENANT);
    expect(a.users).toHaveLength(6 + 2500);
    expect(a.users.map((u) => u.id)).toEqual(b.users.map((u) => u.id));
    const sales = a.groups.find((g) => g.displayName === 'Sales');
    expect(sales?.members).toHaveLength(2500);
    const generated = a.users.slice(6);
    expect(generated.filter((u) => u.licenses.length === 1)).toHaveLength(1500);
    expect(generated.filter((u) => !u.accountEnabled)).toHaveLength(1000);
    expect(generated[0]?.userPrincipalName).toBe('sales1@fabrikam.test');
  });

  it('lists the JSON path of EVERY schema problem', () => {
    const f = small() as unknown as { users: Record<string, unknown>[]; groups: Record<string, unknown>[]; tenant: Record<string, unknown> };
    (f.users[3] as { licenses: unknown[] }).licenses = [{ skuId: 'not-a-guid' }];
    f.users[1]!.userType = 'Visitor';
    delete f.users[0]!.displayName;
    f.groups[0]!.colour = 'blue';
    f.tenant.id = 42;
    expect(problemsOf(f)).toEqual(
      expect.arrayContaining([
        '/users/3/licenses/0/skuId: must match format "uuid"',
        '/users/1/userType: must be equal to one of the allowed values (Member, Guest)',
        "/users/0: must have required property 'displayName'",
        "/groups/0: must NOT have additional properties 'colour'",
        '/tenant/id: must be string',
      ]),
    );
  });

  it('lists every referential problem', () => {
    const f = small();
    f.users[0]!.licenses = [{ skuId: '00000000-0000-4000-8000-00000000abcd' }];
    f.users[2]!.licenses = [{ skuId: 'b30411f5-fea1-4a59-9ad9-3db7c7ead579', disabledPlans: ['00000000-0000-4000-8000-00000000beef'] }];
    f.users[4]!.id = f.users[3]!.id;
    f.groups[1]!.members.push('00000000-0000-4000-8000-0000000000ff');
    const dv = f.environments[0]!.dataverse!;
    dv.securityGroupId = '22222222-0000-4000-8000-0000000000ff';
    dv.teams.push({ id: '77777777-0000-4000-8000-000000000001', name: 'T', teamType: 2, groupId: null, businessUnitId: dv.businessUnits[0]!.id, roleIds: ['55555555-0000-4000-8000-0000000000ff'], memberIds: [] });
    f.generators![0]!.mix[0]!.share = 0.5;
    expect(problemsOf(f)).toEqual([
      "/users/4/id: duplicate '00000000-0000-4000-8000-00000000000d' (first at /users/3)",
      "/users/0/licenses/0/skuId: unknown sku '00000000-0000-4000-8000-00000000abcd'",
      "/users/2/licenses/0/disabledPlans/0: service plan '00000000-0000-4000-8000-00000000beef' is not part of sku POWERAPPS_PER_USER",
      // dave's id was overwritten above, so his membership now dangles
      "/groups/0/members/2: unknown member '00000000-0000-4000-8000-00000000000e' (neither a user nor a group)",
      "/groups/1/members/1: unknown member '00000000-0000-4000-8000-0000000000ff' (neither a user nor a group)",
      "/environments/0/dataverse/securityGroupId: group '22222222-0000-4000-8000-0000000000ff' does not exist",
      "/environments/0/dataverse/teams/0/roleIds/0: role '55555555-0000-4000-8000-0000000000ff' is not in this environment",
      '/environments/0/dataverse/teams/0/groupId: group teams (teamType 2/3) need an Entra group',
      '/generators/0/mix: shares must sum to 1 (got 0.9)',
    ]);
  });

  it('checks service principals (unique id and appId, no clash with users) and dates a deletion only on a deleted user', () => {
    const f = small();
    const sp = { id: '66666666-0000-4000-8000-000000000001', appId: '66666666-0000-4000-8000-0000000000a1', displayName: 'Payroll', accountEnabled: true };
    f.servicePrincipals = [sp, { ...sp, id: '66666666-0000-4000-8000-000000000002' }, { ...sp, id: f.users[0]!.id, appId: '66666666-0000-4000-8000-0000000000a3' }];
    f.users[0]!.deletedDaysAgo = 3;
    expect(problemsOf(f)).toEqual([
      "/servicePrincipals/1/appId: duplicate '66666666-0000-4000-8000-0000000000a1' (first at /servicePrincipals/0)",
      `/servicePrincipals/2/id: '${f.users[0]!.id}' is also a user or group id`,
      '/users/0/deletedDaysAgo: only a deleted user (deleted: true) has a deletion date',
    ]);
  });

  it('startSimulator refuses an invalid fixture with the full list', async () => {
    const f = small();
    f.users[0]!.userPrincipalName = 'no-at-sign';
    await expect(startSimulator({ fixture: f })).rejects.toThrow(/\/users\/0\/userPrincipalName: must match pattern/);
  });

  // Expansion speed is a benchmark question; here: a large generator keeps its mix and its ids unique.
  it('expands 20,000 generated users with unique ids and UPNs in the configured mix', () => {
    const f = small();
    f.generators![0]!.count = 20_000;
    const loaded = loadFixture(f);
    expect(loaded.users).toHaveLength(20_006);
    const generated = loaded.users.slice(6);
    expect(new Set(loaded.users.map((u) => u.id)).size).toBe(20_006);
    expect(new Set(generated.map((u) => u.userPrincipalName)).size).toBe(20_000);
    expect(generated.filter((u) => u.licenses.length === 1)).toHaveLength(12_000);
    expect(generated.filter((u) => !u.accountEnabled)).toHaveLength(8_000);
    expect(loaded.groups.find((g) => g.displayName === 'Sales')?.members).toHaveLength(20_000);
  });

  it('the CLI exits 1 and prints every problem for an invalid fixture file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-fixture-'));
    const file = join(dir, 'bad.json');
    const f = small();
    f.users[0]!.accountEnabled = 'yes' as unknown as boolean;
    f.groups[0]!.owners.push('00000000-0000-4000-8000-0000000000aa');
    writeFileSync(file, JSON.stringify(f));
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, '../../src/sim/cli.ts'), '--tenant', file, '--port', '0'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('/users/0/accountEnabled: must be boolean');
  });
});
