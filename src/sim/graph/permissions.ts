import type { SimRequest, SimResponse } from '../types';
import { accessDenied } from './errors';

const GROUP_READ = ['GroupMember.Read.All', 'Group.Read.All', 'GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const ROLE_READ = ['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/**
 * Microsoft Graph application permissions, checked per endpoint against the `roles` claim of the
 * caller's app-only token (Entra puts the application permissions granted to the app there, so a
 * permission granted after a token was issued only counts from the next token, as in Entra).
 *
 * One row per route of `index.ts` (`METHOD path` with `:id` for a key segment): the permissions
 * that allow it, least privileged first. Any one of them is enough; a `+` joins permissions that
 * are needed together. `null` = application permissions are not supported at all. A route without
 * a row is refused loudly (500), so a new route cannot slip through unchecked.
 *
 * Sources: microsoft-apis.md §4.1 (its least-privileged permission and the higher ones it names);
 * where §4.1 is silent, the Microsoft Graph v1.0 API page named in the comment. Limited-information
 * answers (a directoryObject collection listing members the app cannot read with `id` and
 * `@odata.type` only, §4.1) are not modelled: a member is either readable in full or the call is 403.
 */
export const GRAPH_PERMISSIONS: Readonly<Record<string, readonly string[] | null>> = {
  // §4.1 Users (as listed in the checkMemberGroups table); "Get user" names the higher ones.
  'GET users': ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'GET users/:id': ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // "List a user's memberships (direct and transitive)": User.Read.All; higher Directory.*, Group.Read.All,
  // GroupMember.Read.All. "List a user's direct memberships" names Directory.Read.All for applications, but
  // public reports show User.Read.All working there too: the transitive page's list is used for both (UNVERIFIED).
  'GET users/:id/memberOf': ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'GET users/:id/transitiveMemberOf': ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // §4.1: delegated only.
  'GET users/:id/licenseDetails': null,
  // §12 "user: assignLicense": LicenseAssignment.ReadWrite.All (higher User.ReadWrite.All, Directory.ReadWrite.All).
  'POST users/:id/assignLicense': ['LicenseAssignment.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  // §4.1: User.Read.All and GroupMember.Read.All (or Directory.Read.All).
  'POST users/:id/checkMemberGroups': ['User.Read.All+GroupMember.Read.All', 'User.Read.All+Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // §4.1 group members, transitive members and delta: GroupMember.Read.All (higher Group.Read.All, Directory.Read.All, …);
  // "Get group", "List groups" and "List group owners" name GroupMember.Read.All as well.
  'GET groups': GROUP_READ,
  'GET groups/delta': GROUP_READ,
  'GET groups/:id': GROUP_READ,
  'GET groups/:id/members': GROUP_READ,
  'GET groups/:id/members/:id': GROUP_READ,
  'GET groups/:id/transitiveMembers': GROUP_READ,
  'GET groups/:id/transitiveMembers/:id': GROUP_READ,
  'GET groups/:id/owners': GROUP_READ,
  'GET groups/:id/owners/:id': GROUP_READ,
  // "Add members" / "Remove member": GroupMember.ReadWrite.All (higher Group.ReadWrite.All, Directory.ReadWrite.All).
  'POST groups/:id/members/$ref': ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  'DELETE groups/:id/members/:id/$ref': ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  // §12 "group: assignLicense": the least permission is UNVERIFIED there; the permissions reference describes
  // LicenseAssignment.ReadWrite.All as managing "license assignments for users and groups". Higher: Group.ReadWrite.All, Directory.ReadWrite.All.
  'POST groups/:id/assignLicense': ['LicenseAssignment.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  // §4.1 directory role members: RoleManagement.Read.Directory; "List directoryRoles" / "Get directoryRole" the same.
  'GET directoryRoles': ROLE_READ,
  'GET directoryRoles/:id': ROLE_READ,
  'GET directoryRoles/:id/members': ROLE_READ,
  // §4.1: LicenseAssignment.Read.All (older docs: Organization.Read.All).
  'GET subscribedSkus': ['LicenseAssignment.Read.All', 'Organization.Read.All', 'LicenseAssignment.ReadWrite.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // §13 "List deletedItems" / "Get deleted item": User.Read.All for users, the only deleted objects modelled.
  // Without the cast Graph refuses the request itself (400), whatever the permissions.
  'GET directory/deletedItems': [],
  'GET directory/deletedItems/microsoft.graph.user': ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'GET directory/deletedItems/:id': ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // §14 "List servicePrincipals" / "Get servicePrincipal" (also by the appId alternate key): Application.Read.All.
  'GET servicePrincipals': ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'GET servicePrincipals/:id': ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // $batch itself needs none: each item is checked when it runs through the same routes.
  'POST $batch': [],
};

/** `GET users/:id` for a route pattern of index.ts (`['users', ':id']`). */
export function routeKey(method: string, pattern: readonly string[]): string {
  return `${method} ${pattern.map((segment) => (segment.startsWith(':') ? ':id' : segment)).join('/')}`;
}

/** Whether the granted permissions (the token's roles) allow a route: undefined when they do, else Graph's 403. */
export function refuseWithoutPermission(req: SimRequest, method: string, pattern: readonly string[]): SimResponse | undefined {
  const key = routeKey(method, pattern);
  const allowed = GRAPH_PERMISSIONS[key];
  if (allowed === undefined) {
    return { status: 500, body: { error: { code: 'InternalServerError', message: `simulator: no Graph permission rule for '${key}' (src/sim/graph/permissions.ts)` } } };
  }
  if (allowed !== null && allowed.length === 0) return undefined;
  const granted = new Set(req.token.roles ?? []);
  const held = allowed?.some((option) => option.split('+').every((permission) => granted.has(permission))) ?? false;
  return held ? undefined : accessDenied(req);
}
