import type { TenantFixture } from './model';

const lower = (s: string): string => s.toLowerCase();

/**
 * Referential checks for apps (canvas apps per environment, model-driven apps per Dataverse) that the
 * schema cannot express; each problem as `/json/pointer: reason`.
 */
export function checkAppReferences(f: TenantFixture, userIds: Set<string>, groupIds: Set<string>, problems: string[]): void {
  const canvasIds = new Set<string>();
  f.environments.forEach((env, i) => {
    (env.canvasApps ?? []).forEach((app, j) => {
      const path = `/environments/${i}/canvasApps/${j}`;
      if (canvasIds.has(lower(app.id))) problems.push(`${path}/id: '${app.id}' is used by another canvas app`);
      canvasIds.add(lower(app.id));
      if (!userIds.has(lower(app.ownerId))) problems.push(`${path}/ownerId: unknown user '${app.ownerId}'`);
      const principals = new Set<string>();
      app.sharedWith.forEach((share, k) => {
        const at = `${path}/sharedWith/${k}`;
        const id = lower(share.principalId);
        if (principals.has(id)) problems.push(`${at}/principalId: '${share.principalId}' is shared with twice`);
        principals.add(id);
        if (share.type === 'User' && !userIds.has(id)) problems.push(`${at}/principalId: unknown user '${share.principalId}'`);
        if (share.type === 'Group' && !groupIds.has(id)) problems.push(`${at}/principalId: unknown group '${share.principalId}'`);
        if (share.type === 'Tenant' && id !== lower(f.tenant.id)) problems.push(`${at}/principalId: a share with everyone names the tenant id '${f.tenant.id}'`);
        if (share.type === 'Tenant' && share.roleName !== 'CanView') problems.push(`${at}/roleName: a share with everyone is CanView only (§15)`);
        if (id === lower(app.ownerId)) problems.push(`${at}/principalId: the owner holds the Owner role already`);
      });
    });
    const dv = env.dataverse;
    if (!dv) return;
    const roles = new Set(dv.roles.map((r) => lower(r.id)));
    const ids = new Set<string>();
    const uniqueNames = new Set<string>();
    (dv.appModules ?? []).forEach((app, j) => {
      const path = `/environments/${i}/dataverse/appModules/${j}`;
      if (ids.has(lower(app.id))) problems.push(`${path}/id: '${app.id}' is used twice`);
      ids.add(lower(app.id));
      if (uniqueNames.has(lower(app.uniqueName))) problems.push(`${path}/uniqueName: '${app.uniqueName}' is used twice`);
      uniqueNames.add(lower(app.uniqueName));
      if (app.roleIds.length === 0) problems.push(`${path}/roleIds: a model-driven app needs at least one role (§16)`);
      app.roleIds.forEach((r, k) => {
        if (!roles.has(lower(r))) problems.push(`${path}/roleIds/${k}: role '${r}' is not in this environment`);
      });
    });
  });
}
