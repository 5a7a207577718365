import type { SimGroup, SimUser, TenantFixture } from './model';
import type { TenantState } from './types';

export interface MembershipChange {
  seq: number;
  groupId: string;
  memberId: string;
  removed: boolean;
}

/** Indexes kept beside TenantState (the seam type stays unchanged): reverse membership and a change log for delta. */
interface MembershipIndex {
  /** member id (lower case) → ids (lower case) of the groups that list it directly. */
  parents: Map<string, Set<string>>;
  changes: MembershipChange[];
  seq: number;
}

const indexes = new WeakMap<TenantState, MembershipIndex>();

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
  const index: MembershipIndex = { parents: new Map(), changes: [], seq: 0 };
  for (const user of fixture.users) indexUser(state, user);
  for (const group of fixture.groups) {
    const groupKey = group.id.toLowerCase();
    state.groupsById.set(groupKey, group);
    for (const member of group.members) link(index, member.toLowerCase(), groupKey);
  }
  for (const env of fixture.environments) {
    state.environmentsById.set(env.id.toLowerCase(), env);
    if (env.dataverse) state.environmentsByOrg.set(env.dataverse.org.toLowerCase(), env);
  }
  indexes.set(state, index);
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

/** Is `memberId` listed directly in group `groupId`? O(1). */
export function isDirectMember(state: TenantState, groupId: string, memberId: string): boolean {
  return indexOf(state).parents.get(memberId.toLowerCase())?.has(groupId.toLowerCase()) ?? false;
}

/** Every group that has `memberId` as a direct member. */
export function directParentGroups(state: TenantState, memberId: string): SimGroup[] {
  const parents = indexOf(state).parents.get(memberId.toLowerCase());
  if (!parents) return [];
  return [...parents].map((id) => state.groupsById.get(id)).filter((g): g is SimGroup => g !== undefined);
}

/** Every group that contains `memberId` directly or through nested groups (cycle-safe). */
export function transitiveParentGroups(state: TenantState, memberId: string): SimGroup[] {
  const seen = new Map<string, SimGroup>();
  const queue = [memberId.toLowerCase()];
  for (let i = 0; i < queue.length; i += 1) {
    for (const parent of directParentGroups(state, queue[i] as string)) {
      const key = parent.id.toLowerCase();
      if (!seen.has(key)) {
        seen.set(key, parent);
        queue.push(key);
      }
    }
  }
  return [...seen.values()];
}

/** Ids of every member reached from `group` through nested groups, in first-seen order (cycle-safe; nested groups included). */
export function transitiveMemberIds(state: TenantState, group: SimGroup): string[] {
  const seen = new Set<string>([group.id.toLowerCase()]);
  const out: string[] = [];
  const queue: SimGroup[] = [group];
  for (let i = 0; i < queue.length; i += 1) {
    for (const memberId of (queue[i] as SimGroup).members) {
      const key = memberId.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(memberId);
      const nested = state.groupsById.get(key);
      if (nested) queue.push(nested);
    }
  }
  return out;
}

/** Adds a direct member and records the change for delta queries. */
export function addGroupMember(state: TenantState, groupId: string, memberId: string): 'added' | 'exists' {
  const group = findGroup(state, groupId);
  if (!group) throw new Error(`unknown group ${groupId}`);
  if (isDirectMember(state, group.id, memberId)) return 'exists';
  group.members.push(memberId);
  const index = indexOf(state);
  link(index, memberId.toLowerCase(), group.id.toLowerCase());
  record(index, group.id, memberId, false);
  return 'added';
}

/** Removes a direct member and records the change for delta queries. */
export function removeGroupMember(state: TenantState, groupId: string, memberId: string): 'removed' | 'absent' {
  const group = findGroup(state, groupId);
  if (!group || !isDirectMember(state, group.id, memberId)) return 'absent';
  const key = memberId.toLowerCase();
  group.members.splice(group.members.findIndex((m) => m.toLowerCase() === key), 1);
  const index = indexOf(state);
  index.parents.get(key)?.delete(group.id.toLowerCase());
  record(index, group.id, memberId, true);
  return 'removed';
}

/** The latest change sequence number (0 = no change since load). */
export function membershipSeq(state: TenantState): number {
  return indexOf(state).seq;
}

/** Changes with seq > `afterSeq`, oldest first. */
export function membershipChangesSince(state: TenantState, afterSeq: number): MembershipChange[] {
  return indexOf(state).changes.filter((c) => c.seq > afterSeq);
}

function indexOf(state: TenantState): MembershipIndex {
  const index = indexes.get(state);
  if (!index) throw new Error('TenantState was not created by createTenantState');
  return index;
}

function link(index: MembershipIndex, memberKey: string, groupKey: string): void {
  let parents = index.parents.get(memberKey);
  if (!parents) index.parents.set(memberKey, (parents = new Set()));
  parents.add(groupKey);
}

function record(index: MembershipIndex, groupId: string, memberId: string, removed: boolean): void {
  index.seq += 1;
  index.changes.push({ seq: index.seq, groupId, memberId, removed });
}
