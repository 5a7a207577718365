import { checkAppReferences } from './app-references';
import type { SimDataverse, SimLicense, SimSku, TenantFixture } from './model';

type Problems = string[];
const lower = (s: string): string => s.toLowerCase();

/** Referential checks the schema cannot express. Every problem is listed as `/json/pointer: reason`. */
export function checkReferences(f: TenantFixture): Problems {
  const problems: Problems = [];
  const skus = new Map(f.skus.map((s) => [lower(s.skuId), s]));
  const userIds = new Set(f.users.map((u) => lower(u.id)));
  const groupIds = new Set([...f.groups.map((g) => lower(g.id)), ...(f.generators ?? []).map((g) => lower(g.groupId))]);

  duplicates(f.apps.map((a) => a.clientId), '/apps', 'clientId', problems);
  duplicates(f.skus.map((s) => s.skuId), '/skus', 'skuId', problems);
  duplicates(f.users.map((u) => u.id), '/users', 'id', problems);
  duplicates(f.users.map((u) => u.userPrincipalName), '/users', 'userPrincipalName', problems);
  duplicates(f.groups.map((g) => g.id), '/groups', 'id', problems);
  duplicates(f.environments.map((e) => e.id), '/environments', 'id', problems);
  duplicates(f.directoryRoles.map((r) => r.roleTemplateId), '/directoryRoles', 'roleTemplateId', problems);
  f.groups.forEach((g, i) => {
    if (userIds.has(lower(g.id))) problems.push(`/groups/${i}/id: '${g.id}' is also a user id`);
  });
  checkServicePrincipals(f, userIds, groupIds, problems);

  f.users.forEach((u, i) => {
    u.licenses.forEach((l, j) => checkLicense(l, `/users/${i}/licenses/${j}`, skus, problems));
    if (u.deletedDaysAgo !== undefined && !u.deleted) problems.push(`/users/${i}/deletedDaysAgo: only a deleted user (deleted: true) has a deletion date`);
  });
  f.groups.forEach((g, i) => {
    g.members.forEach((m, j) => {
      if (!userIds.has(lower(m)) && !groupIds.has(lower(m))) problems.push(`/groups/${i}/members/${j}: unknown member '${m}' (neither a user nor a group)`);
      if (lower(m) === lower(g.id)) problems.push(`/groups/${i}/members/${j}: a group cannot be its own member`);
    });
    g.owners.forEach((o, j) => {
      if (!userIds.has(lower(o))) problems.push(`/groups/${i}/owners/${j}: unknown user '${o}'`);
    });
    (g.assignedLicenses ?? []).forEach((l, j) => checkLicense(l, `/groups/${i}/assignedLicenses/${j}`, skus, problems));
  });
  f.directoryRoles.forEach((r, i) => {
    r.memberIds.forEach((m, j) => {
      if (!userIds.has(lower(m))) problems.push(`/directoryRoles/${i}/memberIds/${j}: unknown user '${m}'`);
    });
  });
  checkEnvironments(f, userIds, groupIds, problems);
  checkAppReferences(f, userIds, groupIds, problems);
  checkGenerators(f, skus, groupIds, problems);
  return problems;
}

function checkServicePrincipals(f: TenantFixture, userIds: Set<string>, groupIds: Set<string>, problems: Problems): void {
  const principals = f.servicePrincipals ?? [];
  duplicates(principals.map((sp) => sp.id), '/servicePrincipals', 'id', problems);
  duplicates(principals.map((sp) => sp.appId), '/servicePrincipals', 'appId', problems);
  principals.forEach((sp, i) => {
    if (userIds.has(lower(sp.id)) || groupIds.has(lower(sp.id))) problems.push(`/servicePrincipals/${i}/id: '${sp.id}' is also a user or group id`);
  });
}

function checkLicense(l: SimLicense, path: string, skus: Map<string, SimSku>, problems: Problems): void {
  const sku = skus.get(lower(l.skuId));
  if (!sku) {
    problems.push(`${path}/skuId: unknown sku '${l.skuId}'`);
    return;
  }
  const plans = new Set(sku.servicePlans.map((p) => lower(p.servicePlanId)));
  (l.disabledPlans ?? []).forEach((p, k) => {
    if (!plans.has(lower(p))) problems.push(`${path}/disabledPlans/${k}: service plan '${p}' is not part of sku ${sku.skuPartNumber}`);
  });
}

function checkEnvironments(f: TenantFixture, userIds: Set<string>, groupIds: Set<string>, problems: Problems): void {
  duplicates(f.environments.flatMap((e) => (e.dataverse ? [e.dataverse.org] : [])), '/environments/*/dataverse', 'org', problems);
  f.environments.forEach((env, i) => {
    const base = `/environments/${i}`;
    if (env.createdByUserId && !userIds.has(lower(env.createdByUserId))) problems.push(`${base}/createdByUserId: unknown user '${env.createdByUserId}'`);
    const dv = env.dataverse;
    if (!dv) return;
    const p = `${base}/dataverse`;
    if (dv.securityGroupId && !groupIds.has(lower(dv.securityGroupId))) problems.push(`${p}/securityGroupId: group '${dv.securityGroupId}' does not exist`);
    const units = new Set(dv.businessUnits.map((b) => lower(b.id)));
    const roles = new Set(dv.roles.map((r) => lower(r.id)));
    const systemUsers = new Set(dv.systemUsers.map((s) => lower(s.systemUserId)));
    if (dv.businessUnits.filter((b) => b.parentId === null).length !== 1) problems.push(`${p}/businessUnits: exactly one root business unit (parentId null) is required`);
    dv.businessUnits.forEach((b, j) => {
      if (b.parentId && !units.has(lower(b.parentId))) problems.push(`${p}/businessUnits/${j}/parentId: unknown business unit '${b.parentId}'`);
    });
    dv.roles.forEach((r, j) => {
      if (!units.has(lower(r.businessUnitId))) problems.push(`${p}/roles/${j}/businessUnitId: unknown business unit '${r.businessUnitId}'`);
    });
    checkRoleCopies(dv, `${p}/roles`, problems);
    dv.teams.forEach((t, j) => {
      const tp = `${p}/teams/${j}`;
      if (!units.has(lower(t.businessUnitId))) problems.push(`${tp}/businessUnitId: unknown business unit '${t.businessUnitId}'`);
      t.roleIds.forEach((r, k) => {
        if (!roles.has(lower(r))) problems.push(`${tp}/roleIds/${k}: role '${r}' is not in this environment`);
      });
      t.memberIds.forEach((m, k) => {
        if (!systemUsers.has(lower(m))) problems.push(`${tp}/memberIds/${k}: systemuser '${m}' is not in this environment`);
      });
      if (t.teamType >= 2 && !t.groupId) problems.push(`${tp}/groupId: group teams (teamType 2/3) need an Entra group`);
      if (t.groupId && !groupIds.has(lower(t.groupId))) problems.push(`${tp}/groupId: group '${t.groupId}' does not exist`);
    });
    duplicates(dv.systemUsers.map((s) => s.systemUserId), `${p}/systemUsers`, 'systemUserId', problems);
    dv.systemUsers.forEach((s, j) => {
      const sp = `${p}/systemUsers/${j}`;
      if (!units.has(lower(s.businessUnitId))) problems.push(`${sp}/businessUnitId: unknown business unit '${s.businessUnitId}'`);
      s.roleIds.forEach((r, k) => {
        if (!roles.has(lower(r))) problems.push(`${sp}/roleIds/${k}: role '${r}' is not in this environment`);
      });
    });
  });
}

/** A business unit's copy names a root role (one of the root business unit) and lives in another unit, once per unit. */
function checkRoleCopies(dv: SimDataverse, path: string, problems: Problems): void {
  const root = dv.businessUnits.find((b) => b.parentId === null);
  const roots = new Map(dv.roles.filter((r) => !r.parentRootRoleId).map((r) => [lower(r.id), r]));
  duplicates(dv.roles.map((r) => r.id), path, 'id', problems);
  const copies = new Set<string>();
  dv.roles.forEach((r, j) => {
    const isRootUnit = root !== undefined && lower(r.businessUnitId) === lower(root.id);
    if (!r.parentRootRoleId) {
      if (!isRootUnit) problems.push(`${path}/${j}/parentRootRoleId: a role of a child business unit is a copy: name its root role`);
      return;
    }
    const origin = roots.get(lower(r.parentRootRoleId));
    if (!origin || (root && lower(origin.businessUnitId) !== lower(root.id))) problems.push(`${path}/${j}/parentRootRoleId: '${r.parentRootRoleId}' is not a role of the root business unit`);
    if (isRootUnit) problems.push(`${path}/${j}/businessUnitId: the root business unit holds root roles, not copies`);
    const key = `${lower(r.parentRootRoleId)}|${lower(r.businessUnitId)}`;
    if (copies.has(key)) problems.push(`${path}/${j}: a second copy of the same root role in the same business unit`);
    copies.add(key);
  });
}

function checkGenerators(f: TenantFixture, skus: Map<string, SimSku>, groupIds: Set<string>, problems: Problems): void {
  (f.generators ?? []).forEach((g, i) => {
    const total = g.mix.reduce((sum, m) => sum + m.share, 0);
    if (Math.abs(total - 1) > 1e-6) problems.push(`/generators/${i}/mix: shares must sum to 1 (got ${total})`);
    g.mix.forEach((m, j) => m.licenses.forEach((l, k) => checkLicense(l, `/generators/${i}/mix/${j}/licenses/${k}`, skus, problems)));
    (g.alsoMemberOf ?? []).forEach((id, j) => {
      if (!groupIds.has(lower(id))) problems.push(`/generators/${i}/alsoMemberOf/${j}: group '${id}' does not exist`);
    });
  });
}

function duplicates(values: string[], base: string, field: string, problems: Problems): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const key = lower(v);
    const first = seen.get(key);
    if (first !== undefined) problems.push(`${base}/${i}/${field}: duplicate '${v}' (first at ${base}/${first})`);
    else seen.set(key, i);
  });
}
