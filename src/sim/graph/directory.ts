import { stableGuid } from '../ids';
import type { SimDirectoryRole } from '../model';
import { findGroup, findUser } from '../state';
import type { TenantState } from '../types';
import type { DirectoryObject } from './resources';

/** A live (not deleted) user or a group, by id (users also by UPN). */
export function directoryObject(state: TenantState, id: string): DirectoryObject | undefined {
  const user = findUser(state, id);
  if (user) return user.deleted ? undefined : { kind: 'user', user };
  const group = findGroup(state, id);
  return group ? { kind: 'group', group } : undefined;
}

export function liveObjects(state: TenantState, ids: string[]): DirectoryObject[] {
  const out: DirectoryObject[] = [];
  for (const id of ids) {
    const o = directoryObject(state, id);
    if (o) out.push(o);
  }
  return out;
}

/** Activated directory roles have a tenant-specific object id distinct from the template id. */
export function roleObjectId(state: TenantState, role: SimDirectoryRole): string {
  return stableGuid(`directoryRole:${state.fixture.tenant.id}:${role.roleTemplateId}`);
}

export function roleObject(state: TenantState, role: SimDirectoryRole): DirectoryObject {
  return { kind: 'role', role, id: roleObjectId(state, role) };
}

export function findRole(state: TenantState, idOrTemplate: { id?: string; templateId?: string }): SimDirectoryRole | undefined {
  return state.fixture.directoryRoles.find((r) =>
    idOrTemplate.templateId !== undefined ? r.roleTemplateId.toLowerCase() === idOrTemplate.templateId.toLowerCase() : roleObjectId(state, r) === idOrTemplate.id?.toLowerCase(),
  );
}

export function rolesOfUser(state: TenantState, userId: string): SimDirectoryRole[] {
  const id = userId.toLowerCase();
  return state.fixture.directoryRoles.filter((r) => r.memberIds.some((m) => m.toLowerCase() === id));
}
