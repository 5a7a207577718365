import { provisionUser } from '../../src/sim/bap/provision-user';
import type { SimTeam, TenantFixture } from '../../src/sim/model';
import { createTenantState, removeGroupMember } from '../../src/sim/state';

const TENANT = '0f0f0f0f-0000-4000-8000-000000000000';
const MEMBER = '10000000-0000-4000-8000-000000000001';
const GUEST = '10000000-0000-4000-8000-000000000002';
const OWNER = '10000000-0000-4000-8000-000000000003';
const GROUP = '20000000-0000-4000-8000-000000000001';
const BU = '30000000-0000-4000-8000-000000000001';

function team(id: string, membershipType: 0 | 1 | 2 | 3): SimTeam {
  return { id, name: `team ${membershipType}`, teamType: 2, membershipType, groupId: GROUP, businessUnitId: BU, roleIds: [], memberIds: [] };
}

function tenant(): TenantFixture {
  const person = (id: string, name: string, userType: 'Member' | 'Guest') => ({ id, displayName: name, userPrincipalName: `${name}@t.test`, accountEnabled: true, userType, licenses: [] });
  return {
    tenant: { id: TENANT, displayName: 'T', defaultDomain: 't.test' },
    apps: [],
    skus: [],
    users: [person(MEMBER, 'member', 'Member'), person(GUEST, 'guest', 'Guest'), person(OWNER, 'owner', 'Member')],
    groups: [{ id: GROUP, displayName: 'G', kind: 'security', members: [MEMBER, GUEST], owners: [OWNER] }],
    directoryRoles: [],
    environments: [
      {
        id: '40000000-0000-4000-8000-000000000001', displayName: 'E', sku: 'Sandbox', runtimeState: 'Enabled', appPassCapacity: 0,
        dataverse: {
          org: 'org', securityGroupId: null, businessUnits: [{ id: BU, name: 'org', parentId: null }], roles: [],
          teams: [team('50000000-0000-4000-8000-000000000000', 0), team('50000000-0000-4000-8000-000000000001', 1), team('50000000-0000-4000-8000-000000000002', 2), team('50000000-0000-4000-8000-000000000003', 3)],
          systemUsers: [],
        },
      },
    ],
  };
}

describe('provisioning a systemuser (group teams by membership type)', () => {
  const grant = { accessMode: 0 as const, isLicensed: true };

  it.each([
    ['a member', MEMBER, ['team 0', 'team 1']],
    ['a guest member', GUEST, ['team 0', 'team 3']],
    ['an owner who is not a member', OWNER, ['team 2']],
  ])('when %s is provisioned, then they join exactly the group teams their membership type selects', (_label, userId, expected) => {
    const fixture = tenant();
    const state = createTenantState(fixture);
    const dataverse = fixture.environments[0]?.dataverse;
    if (!dataverse) throw new Error('fixture without Dataverse');
    const row = provisionUser(state, dataverse, state.usersById.get(userId) as TenantFixture['users'][number], grant);
    expect(dataverse.teams.filter((t) => t.memberIds.includes(row.systemUserId)).map((t) => t.name)).toEqual(expected);
  });

  it('when a member of a nested group is provisioned, then they join the outer group\'s teams only if groupTeamNestedMembershipCounts is on (UNVERIFIED, §3.5)', () => {
    const fixture = tenant();
    const inner = '20000000-0000-4000-8000-000000000002';
    const nested = '10000000-0000-4000-8000-000000000004';
    fixture.users.push({ id: nested, displayName: 'nested', userPrincipalName: 'nested@t.test', accountEnabled: true, userType: 'Member', licenses: [] });
    fixture.groups.push({ id: inner, displayName: 'Inner', kind: 'security', members: [nested], owners: [] });
    fixture.groups[0]?.members.push(inner);
    const joined = (nestedGroupsCount: boolean) => {
      const state = createTenantState(structuredClone(fixture));
      const dataverse = state.fixture.environments[0]?.dataverse;
      if (!dataverse) throw new Error('fixture without Dataverse');
      const row = provisionUser(state, dataverse, state.usersById.get(nested) as TenantFixture['users'][number], grant, { nestedGroupsCount });
      return dataverse.teams.filter((t) => t.memberIds.includes(row.systemUserId)).map((t) => t.name);
    };
    expect(joined(false)).toEqual([]);
    expect(joined(true)).toEqual(['team 0', 'team 1']);
  });

  it('when a user left the group and is re-synced, then they leave its group teams and keep a single row', () => {
    const fixture = tenant();
    const state = createTenantState(fixture);
    const dataverse = fixture.environments[0]?.dataverse;
    if (!dataverse) throw new Error('fixture without Dataverse');
    const member = state.usersById.get(MEMBER) as TenantFixture['users'][number];
    const row = provisionUser(state, dataverse, member, grant);
    expect(dataverse.teams[0]?.memberIds).toEqual([row.systemUserId]);
    expect(removeGroupMember(state, GROUP, MEMBER)).toBe('removed');
    provisionUser(state, dataverse, member, grant);
    expect(dataverse.teams.every((t) => t.memberIds.length === 0)).toBe(true);
    expect(dataverse.systemUsers).toHaveLength(1);
  });
});
