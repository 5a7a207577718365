import { readFileSync } from 'node:fs';
import { CONTOSO_FIXTURE_PATH } from '../../../src/sim/server';
import type { SimGenerator, TenantFixture } from '../../../src/sim/model';

export const UAT_SECURITY_GROUP = 'b334d23a-c075-4b09-a359-4e9089de4a59';
export const POWERAPPS_PER_USER = 'b30411f5-fea1-4a59-9ad9-3db7c7ead579';
export const BIG_GROUP_ID = '0b5c1e9a-2d4f-4c8e-9a7b-6f3e2d1c0b9a';

/** The Contoso demo tenant plus generated groups (members licensed and in UAT's security group, with a share of unlicensed ones). */
export function contosoWith(...generators: SimGenerator[]): TenantFixture {
  const fixture = JSON.parse(readFileSync(CONTOSO_FIXTURE_PATH, 'utf8')) as TenantFixture;
  return { ...fixture, generators: [...(fixture.generators ?? []), ...generators] };
}

export function uatReadyGroup(count: number, options: { groupId?: string; name?: string; unlicensedShare?: number } = {}): SimGenerator {
  const unlicensed = options.unlicensedShare ?? 0.1;
  return {
    groupId: options.groupId ?? BIG_GROUP_ID,
    groupDisplayName: options.name ?? 'UAT Testers',
    count,
    namePrefix: `${(options.name ?? 'UAT Testers').toLowerCase().replace(/\s+/g, '.')}.`,
    mix: [
      { share: 1 - unlicensed, licenses: [{ skuId: POWERAPPS_PER_USER }] },
      ...(unlicensed > 0 ? [{ share: unlicensed, licenses: [] }] : []),
    ],
    alsoMemberOf: [UAT_SECURITY_GROUP],
  };
}

/** The demo tenant's own bot admin (the harness's default sender), by display name and object id. */
export function demoAdmin(fixture: TenantFixture): { name: string; aadObjectId: string } {
  const admins = fixture.groups.find((g) => g.displayName === 'Dataverse Access Bot Admins');
  const user = fixture.users.find((u) => u.id === admins?.members[0]);
  if (!user) throw new Error('the fixture has no bot admin');
  return { name: user.displayName, aadObjectId: user.id };
}

/** Makes one more person a bot admin (member of "Dataverse Access Bot Admins"). */
export function withAdmin(fixture: TenantFixture, userId: string): TenantFixture {
  return {
    ...fixture,
    groups: fixture.groups.map((g) => (g.displayName === 'Dataverse Access Bot Admins' ? { ...g, members: [...g.members, userId] } : g)),
  };
}

/** A second admin for the tests: the tenant's Power Platform administrator. */
export const SECOND_ADMIN = { name: 'Second Admin', aadObjectId: '9a2d1e0d-abab-429f-bed0-8c2c685e5b65' };
