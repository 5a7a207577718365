import { stableGuid } from '../ids';
import type { SimAppShare, SimCanvasApp, SimEnvironment, SimUser } from '../model';
import { transitiveParentGroups } from '../state';
import type { SimContext } from '../types';

export const ADMIN_ENVIRONMENTS = '/providers/Microsoft.PowerApps/scopes/admin/environments';

export type RoleName = 'Owner' | SimAppShare['roleName'];

/** One role assignment as the admin API lists it (§15), the owner's included (roleName `Owner`, UNVERIFIED). */
export interface Assignment {
  principalId: string;
  type: SimAppShare['type'];
  roleName: RoleName;
}

export function assignmentsOf(app: SimCanvasApp): Assignment[] {
  return [{ principalId: app.ownerId, type: 'User', roleName: 'Owner' }, ...app.sharedWith];
}

export function appPath(env: SimEnvironment, app: SimCanvasApp): string {
  return `${ADMIN_ENVIRONMENTS}/${env.id}/apps/${app.id}`;
}

/** The id of a role assignment (what `modifyPermissions` deletes by): stable per app and principal. */
export function assignmentIdOf(app: SimCanvasApp, principalId: string): string {
  return stableGuid(`app-permission:${app.id}:${principalId.toLowerCase()}`);
}

/** `value[]` of …/permissions: `{ id, name, type, properties: { roleName, principal, scope } }` (§15). */
export function assignmentView(env: SimEnvironment, app: SimCanvasApp, assignment: Assignment, ctx: SimContext): Record<string, unknown> {
  const name = assignmentIdOf(app, assignment.principalId);
  return {
    id: `${appPath(env, app)}/permissions/${name}`,
    name,
    type: 'Microsoft.PowerApps/apps/permissions',
    properties: { roleName: assignment.roleName, principal: principalView(assignment, ctx), scope: `/providers/Microsoft.PowerApps/apps/${app.id}`, notifyShareTargetOption: 'NotSpecified', inviteGuestToTenant: false },
  };
}

function principalView(assignment: Assignment, ctx: SimContext): Record<string, unknown> {
  const tenantId = ctx.state.fixture.tenant.id;
  if (assignment.type === 'Tenant') return { type: 'Tenant', tenantId };
  if (assignment.type === 'Group') {
    const group = ctx.state.groupsById.get(assignment.principalId.toLowerCase());
    return { id: assignment.principalId, displayName: group?.displayName ?? null, email: null, type: 'Group', tenantId };
  }
  const user = ctx.state.usersById.get(assignment.principalId.toLowerCase());
  return { id: assignment.principalId, displayName: user?.displayName ?? null, email: user?.mail ?? user?.userPrincipalName ?? null, type: 'User', tenantId };
}

const RANK: Readonly<Record<RoleName, number>> = { Owner: 3, CanEdit: 2, CanViewWithShare: 1, CanView: 0 };

/**
 * `maxAssignedTo('{id}')`: the principal's highest role. For a user: the owner's, a direct share, and
 * (with `maxAssignedToCountsGroups`, UNVERIFIED) shares with groups it is in transitively and with the
 * whole tenant; for a group: its own assignment.
 */
export function highestAssignment(app: SimCanvasApp, principalId: string, ctx: SimContext): Assignment | null {
  const id = principalId.toLowerCase();
  const all = assignmentsOf(app);
  let held = all.filter((a) => a.type !== 'Tenant' && a.principalId.toLowerCase() === id);
  const user = ctx.state.usersById.get(id);
  if (user && !user.deleted && (ctx.config.unverified.maxAssignedToCountsGroups ?? true)) held = [...held, ...inherited(all, user, ctx)];
  return held.reduce<Assignment | null>((best, a) => (best === null || RANK[a.roleName] > RANK[best.roleName] ? a : best), null);
}

function inherited(all: Assignment[], user: SimUser, ctx: SimContext): Assignment[] {
  const groups = new Set(transitiveParentGroups(ctx.state, user.id).map((g) => g.id.toLowerCase()));
  return all.filter((a) => a.type === 'Tenant' || (a.type === 'Group' && groups.has(a.principalId.toLowerCase())));
}

/** An app of the admin list (§15, Terraform's fixture): `properties` as the bot and Terraform read them. */
export function appView(env: SimEnvironment, app: SimCanvasApp, ctx: SimContext, expandFor: string | null): Record<string, unknown> {
  const owner = ctx.state.usersById.get(app.ownerId.toLowerCase());
  const shares = app.sharedWith;
  const premium = app.connectors.some((c) => c.premium || c.custom || c.onPremiseGateway) || app.usesDataverse === true;
  const connectionReferences = Object.fromEntries(
    app.connectors.map((c) => {
      const api = `shared_${c.name.toLowerCase().replace(/[^a-z0-9]+/g, '')}`;
      return [stableGuid(`connection:${app.id}:${c.name}`), { id: `/providers/microsoft.powerapps/apis/${api}`, displayName: c.name, apiTier: c.premium ? 'Premium' : 'Standard', isCustomApiConnection: c.custom === true, isOnPremiseConnection: c.onPremiseGateway === true }];
    }),
  );
  const properties: Record<string, unknown> = {
    displayName: app.displayName,
    owner: { id: app.ownerId, displayName: owner?.displayName ?? '', email: owner?.mail ?? null, type: 'User', tenantId: ctx.state.fixture.tenant.id, userPrincipalName: owner?.userPrincipalName ?? '' },
    createdTime: app.createdTime ?? '2026-01-05T09:00:00Z',
    lastModifiedTime: app.lastModifiedTime ?? app.createdTime ?? '2026-01-05T09:00:00Z',
    lastPublishTime: app.lastPublishTime === undefined ? (app.createdTime ?? '2026-01-05T09:00:00Z') : app.lastPublishTime,
    environment: { id: `/providers/Microsoft.PowerApps/environments/${env.id}`, name: env.id },
    sharedUsersCount: shares.filter((s) => s.type === 'User').length,
    sharedGroupsCount: shares.filter((s) => s.type === 'Group').length,
    connectionReferences,
    databaseReferences: app.usesDataverse ? { 'default.cds': { databaseDetails: { referenceType: 'Environmental', environmentName: 'default.cds' } } } : {},
    appPlanClassification: premium ? 'Premium' : 'Standard',
    usesPremiumApi: app.connectors.some((c) => c.premium) || app.usesDataverse === true,
    usesCustomApi: app.connectors.some((c) => c.custom === true),
    usesOnPremiseGateway: app.connectors.some((c) => c.onPremiseGateway === true),
    canConsumeAppPass: true,
  };
  if (expandFor !== null) {
    const held = highestAssignment(app, expandFor, ctx);
    properties.permissions = held ? [assignmentView(env, app, held, ctx)] : [];
  }
  return { name: app.id, id: appPath(env, app), type: 'Microsoft.PowerApps/scopes/admin/apps', appType: 'ClassicCanvasApp', tags: {}, properties };
}
