import type { SimGroup, SimUser, TenantFixture } from './model';
import type { TenantState } from './types';

/** Builds the indexes over an (already expanded and validated) fixture. The fixture is used as-is, not copied. */
export function createTenantState(fixture: TenantFixture): TenantState {
  const state: TenantState = {
    fixture,
    usersById: new Map(),
    usersByUpn: new Map(),
    groupsById: new Map(),
    environmentsById: new Map(),
    environmentsByOrg: new Map(),
  };
  for (const user of fixture.users) indexUser(state, user);
  for (const group of fixture.groups) state.groupsById.set(group.id.toLowerCase(), group);
  for (const env of fixture.environments) {
    state.environmentsById.set(env.id.toLowerCase(), env);
    if (env.dataverse) state.environmentsByOrg.set(env.dataverse.org.toLowerCase(), env);
  }
  return state;
}

export function indexUser(state: TenantState, user: SimUser): void {
  state.usersById.set(user.id.toLowerCase(), user);
  state.usersByUpn.set(user.userPrincipalName.toLowerCase(), user);
}

export function findUser(state: TenantState, idOrUpn: string): SimUser | undefined {
  const key = idOrUpn.toLowerCase();
  return state.usersById.get(key) ?? state.usersByUpn.get(key);
}

export function findGroup(state: TenantState, id: string): SimGroup | undefined {
  return state.groupsById.get(id.toLowerCase());
}

/** Ids of every group that has `memberId` as a direct member. */
export function directParentGroups(state: TenantState, memberId: string): SimGroup[] {
  const id = memberId.toLowerCase();
  return state.fixture.groups.filter((g) => g.members.some((m) => m.toLowerCase() === id));
}

/** Every group that contains `memberId` directly or through nested groups (cycle-safe). */
export function transitiveParentGroups(state: TenantState, memberId: string): SimGroup[] {
  const seen = new Map<string, SimGroup>();
  const queue = [memberId.toLowerCase()];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const parent of directParentGroups(state, current)) {
      const key = parent.id.toLowerCase();
      if (!seen.has(key)) {
        seen.set(key, parent);
        queue.push(key);
      }
    }
  }
  return [...seen.values()];
}
