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

type GeneratedOrg = NonNullable<TenantFixture['environments'][number]['dataverse']>;
type GeneratedEnvironment = TenantFixture['environments'][number];

/** Generated ids: `kind` keeps environments, business units, roles, users and groups apart; `i` numbers them. */
const benchId = (kind: number, i: number) => `be0c${String(kind).padStart(4, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;

function managementApp(fixture: TenantFixture): TenantFixture['apps'][number] {
  const app = fixture.apps.find((a) => a.managementApp) ?? fixture.apps[0];
  if (!app) throw new Error('the fixture has no app registration');
  return app;
}

/**
 * A Sandbox environment `i` (`kinds` numbers its ids) whose Dataverse org has the management app's enabled
 * application user with a read role, so the bot (and `doctor`) can read it.
 */
function benchSandbox(fixture: TenantFixture, i: number, kinds: number, name: string): GeneratedEnvironment & { dataverse: GeneratedOrg } {
  const app = managementApp(fixture);
  const org = `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  return {
    id: benchId(kinds + 1, i),
    displayName: name,
    sku: 'Sandbox',
    runtimeState: 'Enabled',
    appPassCapacity: 0,
    dataverse: {
      org,
      securityGroupId: null,
      businessUnits: [{ id: benchId(kinds + 2, i), name: org, parentId: null }],
      roles: [{ id: benchId(kinds + 3, i), name: 'Access Bot Reader', businessUnitId: benchId(kinds + 2, i) }],
      teams: [],
      systemUsers: [
        {
          systemUserId: benchId(kinds + 4, i),
          azureObjectId: null,
          domainName: `${app.clientId}@${fixture.tenant.defaultDomain}`,
          fullName: `# ${app.displayName}`,
          isDisabled: false,
          accessMode: 4,
          isLicensed: false,
          applicationId: app.clientId,
          businessUnitId: benchId(kinds + 2, i),
          roleIds: [benchId(kinds + 3, i)],
        },
      ],
    },
  };
}

/**
 * The tenant plus generated Sandbox environments, each with a Dataverse org in which the fixture's first
 * management app has an enabled application user with a security role: `count` more environments for
 * `doctor` to check.
 */
export function withDataverseEnvironments(fixture: TenantFixture, count: number): TenantFixture {
  const environments = Array.from({ length: count }, (_, i) => benchSandbox(fixture, i, 0, `Bench Sandbox ${String(i + 1).padStart(3, '0')}`));
  return { ...fixture, environments: [...fixture.environments, ...environments] };
}

/** Jane Doe of the Contoso demo tenant: the person "check Jane everywhere" is about. */
export const JANE = { id: '1bc176ac-113e-4105-a8d2-93516aa828e1', upn: 'jane.doe@contoso.com' } as const;

/** What one generated Dataverse environment holds for the person of {@link withManyEnvironments}. */
export type BenchStanding = 'in' | 'not-in-group' | 'not-added';

/** One in ten generated Dataverse environments keeps the person out of its security group, one in ten has not added them yet. */
export function benchStandingOf(i: number): BenchStanding {
  return i % 10 === 0 ? 'not-in-group' : i % 10 === 5 ? 'not-added' : 'in';
}

/**
 * A big tenant around one person: the fixture grown to `total` environments, `dataverse` of them with Dataverse
 * (the fixture's own count towards both). Each generated Dataverse environment has its own security group
 * ("<name> Access") and the management app's application user; the person is a member of the group and an enabled
 * user with a role there, except as {@link benchStandingOf} says (blocked by the group, or not added yet). The other
 * generated environments have no Dataverse database.
 */
export function withManyEnvironments(fixture: TenantFixture, spec: { total: number; dataverse: number; personId: string }): TenantFixture {
  const ownDataverse = fixture.environments.filter((e) => e.dataverse).length;
  const generatedDataverse = spec.dataverse - ownDataverse;
  const generatedPlain = spec.total - spec.dataverse - (fixture.environments.length - ownDataverse);
  if (generatedDataverse < 0 || generatedPlain < 0) throw new Error(`the fixture already has more environments than ${spec.total} (${spec.dataverse} with Dataverse)`);
  const person = fixture.users.find((u) => u.id === spec.personId);
  if (!person) throw new Error(`no user ${spec.personId} in the fixture`);
  const groups: TenantFixture['groups'] = [];
  const withDataverse = Array.from({ length: generatedDataverse }, (_, i) => {
    const environment = benchSandbox(fixture, i, 10, `Bench Env ${String(i + 1).padStart(3, '0')}`);
    const standing = benchStandingOf(i);
    const groupId = benchId(15, i);
    groups.push({ id: groupId, displayName: `${environment.displayName} Access`, kind: 'security', members: standing === 'not-in-group' ? [] : [person.id], owners: [] });
    environment.dataverse.securityGroupId = groupId;
    const root = benchId(12, i);
    if (standing === 'in') {
      environment.dataverse.roles.push({ id: benchId(16, i), name: 'Basic User', businessUnitId: root });
      environment.dataverse.systemUsers.push({
        systemUserId: benchId(17, i),
        azureObjectId: person.id,
        domainName: person.userPrincipalName,
        fullName: person.displayName,
        isDisabled: false,
        accessMode: 0,
        isLicensed: true,
        businessUnitId: root,
        roleIds: [benchId(16, i)],
      });
    }
    return environment;
  });
  const plain: GeneratedEnvironment[] = Array.from({ length: generatedPlain }, (_, i) => ({
    id: benchId(20, i),
    displayName: `Bench No Database ${String(i + 1).padStart(3, '0')}`,
    sku: 'Sandbox',
    runtimeState: 'Enabled',
    appPassCapacity: 0,
  }));
  return { ...fixture, groups: [...fixture.groups, ...groups], environments: [...fixture.environments, ...withDataverse, ...plain] };
}

/** The big tenant of "check Jane everywhere" and `doctor` at scale: 300 environments, 200 with Dataverse (smoke: 40 and 25). */
export function manyEnvironmentsTenant(mode: 'full' | 'smoke'): { total: number; dataverse: number; fixture: TenantFixture } {
  const spec = mode === 'full' ? { total: 300, dataverse: 200 } : { total: 40, dataverse: 25 };
  return { ...spec, fixture: withManyEnvironments(contosoWithBenchGroup(0), { ...spec, personId: JANE.id }) };
}
