import { readFileSync } from 'node:fs';
import { CONTOSO_FIXTURE_PATH } from '../../src/sim/server';
import type { TenantFixture } from '../../src/sim/model';
import { stableGuid } from '../../src/sim/ids';

/** UAT (Sandbox, Dataverse org `contosouat`) and its security group "UAT Access" in the Contoso demo tenant. */
export const UAT = { name: 'UAT', environmentId: 'ceb11b53-d685-4c77-9a64-37b481898617', securityGroupId: 'b334d23a-c075-4b09-a359-4e9089de4a59' } as const;
const POWER_APPS_PREMIUM = 'b30411f5-fea1-4a59-9ad9-3db7c7ead579';
export const BENCH_GROUP = { id: '7d1f4b2e-5c3a-4e8f-9b6d-2a1c0e9f8b7d', name: 'Benchmark Testers' } as const;

/**
 * The Contoso demo tenant plus "Benchmark Testers": `members` generated users, each licensed for
 * Power Apps and a direct member of UAT's security group, so every addUser into UAT succeeds.
 * With 0 members: the demo tenant as it is.
 */
export function contosoWithBenchGroup(members: number): TenantFixture {
  const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
  if (members === 0) return fixture;
  return {
    ...fixture,
    generators: [
      ...(fixture.generators ?? []),
      {
        groupId: BENCH_GROUP.id,
        groupDisplayName: BENCH_GROUP.name,
        count: members,
        namePrefix: 'bench.tester.',
        mix: [{ share: 1, licenses: [{ skuId: POWER_APPS_PREMIUM }] }],
        alsoMemberOf: [UAT.securityGroupId],
      },
    ],
  };
}

/**
 * The first `rows` members of "Benchmark Testers" already in UAT's Dataverse (enabled, root business unit), one in
 * ten without a role: the U of "who has access". Their object ids are the ones src/sim/fixture.ts gives generated users.
 */
export function withUatRows(fixture: TenantFixture, rows: number): TenantFixture {
  const uat = fixture.environments.find((e) => e.id === UAT.environmentId)?.dataverse;
  const root = uat?.businessUnits.find((b) => b.parentId === null)?.id;
  const basicUser = uat?.roles.find((r) => r.name === 'Basic User' && r.businessUnitId === root)?.id;
  if (!uat || !root || !basicUser) throw new Error('UAT is missing from the Contoso fixture');
  for (let n = 1; n <= rows; n += 1) {
    uat.systemUsers.push({
      systemUserId: stableGuid(`bench-row:${n}`),
      azureObjectId: stableGuid(`generated:${BENCH_GROUP.id}:${n}`),
      domainName: `bench.tester.${n}@${fixture.tenant.defaultDomain}`,
      fullName: `bench.tester.${n}`,
      isDisabled: false,
      accessMode: 0,
      isLicensed: true,
      businessUnitId: root,
      roleIds: n % 10 === 0 ? [] : [basicUser],
    });
  }
  return fixture;
}

/** Size of UAT's security group in a fixture (the M of the Graph budget), after generators are expanded. */
export function uatSecurityGroupSize(fixture: TenantFixture): number {
  const group = fixture.groups.find((g) => g.id === UAT.securityGroupId);
  const generated = (fixture.generators ?? []).filter((g) => g.alsoMemberOf?.includes(UAT.securityGroupId)).reduce((sum, g) => sum + g.count, 0);
  return (group?.members.length ?? 0) + generated;
}

/**
 * The tenant plus generated Sandbox environments, each with a Dataverse org in which the fixture's first
 * management app has an enabled application user with a security role: `count` more environments for
 * `doctor` to check.
 */
export function withDataverseEnvironments(fixture: TenantFixture, count: number): TenantFixture {
  const app = fixture.apps.find((a) => a.managementApp) ?? fixture.apps[0];
  if (!app) throw new Error('the fixture has no app registration');
  const id = (kind: number, i: number) => `be0c${String(kind).padStart(4, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const environments = Array.from({ length: count }, (_, i) => ({
    id: id(1, i),
    displayName: `Bench Sandbox ${String(i + 1).padStart(3, '0')}`,
    sku: 'Sandbox' as const,
    runtimeState: 'Enabled' as const,
    appPassCapacity: 0,
    dataverse: {
      org: `benchsandbox${i + 1}`,
      securityGroupId: null,
      businessUnits: [{ id: id(2, i), name: `benchsandbox${i + 1}`, parentId: null }],
      roles: [{ id: id(3, i), name: 'Access Bot Reader', businessUnitId: id(2, i) }],
      teams: [],
      systemUsers: [
        {
          systemUserId: id(4, i),
          azureObjectId: null,
          domainName: `${app.clientId}@${fixture.tenant.defaultDomain}`,
          fullName: `# ${app.displayName}`,
          isDisabled: false,
          accessMode: 4 as const,
          isLicensed: false,
          applicationId: app.clientId,
          businessUnitId: id(2, i),
          roleIds: [id(3, i)],
        },
      ],
    },
  }));
  return { ...fixture, environments: [...fixture.environments, ...environments] };
}
