import { IDS, errorOf, useSmallGraph } from './helpers';

const t = useSmallGraph();

type Obj = Record<string, unknown>;
const values = (body: Obj): Obj[] => body.value as Obj[];

async function pageAll(first: string): Promise<{ pages: number; items: Obj[] }> {
  const items: Obj[] = [];
  let next: string | undefined = first;
  let pages = 0;
  while (next) {
    const { status, body } = await t.graph(next);
    expect(status).toBe(200);
    items.push(...values(body));
    next = body['@odata.nextLink'] as string | undefined;
    pages += 1;
  }
  return { pages, items };
}

describe('groups', () => {
  it('lists and filters groups with security/m365 shapes', async () => {
    const { body } = await t.graph(`/groups?$filter=${encodeURIComponent("startswith(displayName,'m')")}&$select=id,displayName,securityEnabled,mailEnabled,groupTypes`);
    expect(values(body)).toEqual([{ id: IDS.marketing, displayName: 'Marketing', securityEnabled: false, mailEnabled: true, groupTypes: ['Unified'] }]);
    const sec = await t.graph(`/groups/${IDS.envAccess}?$select=securityEnabled,mailEnabled,groupTypes`);
    expect(sec.body).toMatchObject({ securityEnabled: true, mailEnabled: false, groupTypes: [] });
    expect((await t.graph('/groups/99999999-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('a 2,500-member group pages at 999 → 3 pages, at the default 100 → 25 pages', async () => {
    const big = await pageAll(`/groups/${IDS.sales}/members?$top=999&$select=id`);
    expect(big.pages).toBe(3);
    expect(new Set(big.items.map((m) => m.id)).size).toBe(2500);
    const small = await pageAll(`/groups/${IDS.sales}/members?$select=id`);
    expect(small.pages).toBe(25);
    expect(small.items.length).toBe(2500);
  });

  it('members carry @odata.type, skip soft-deleted users, and include nested groups (not their members)', async () => {
    const { body } = await t.graph(`/groups/${IDS.envAccess}/members?$select=id,displayName`);
    expect(body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#directoryObjects(id,displayName)');
    expect(values(body)).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: IDS.jan, displayName: 'Jan Kowalski' },
      { '@odata.type': '#microsoft.graph.group', id: IDS.nested, displayName: 'Nested Team' },
    ]);
  });

  it('transitiveMembers flattens nested groups; the user cast keeps users only', async () => {
    const all = await t.graph(`/groups/${IDS.envAccess}/transitiveMembers?$select=id`);
    expect(values(all.body).map((m) => m.id)).toEqual([IDS.jan, IDS.nested, IDS.zoe]);
    const users = await t.graph(`/groups/${IDS.envAccess}/transitiveMembers/microsoft.graph.user?$select=id`);
    expect(values(users.body).map((m) => m.id)).toEqual([IDS.jan, IDS.zoe]);
    const direct = await t.graph(`/groups/${IDS.envAccess}/members/microsoft.graph.user?$select=id`);
    expect(values(direct.body).map((m) => m.id)).toEqual([IDS.jan]);
    expect((await t.graph(`/groups/${IDS.envAccess}/members/microsoft.graph.device`)).status).toBe(400);
  });

  it('owners', async () => {
    const { body } = await t.graph(`/groups/${IDS.envAccess}/owners?$select=id`);
    expect(values(body)).toEqual([{ '@odata.type': '#microsoft.graph.user', id: IDS.alex }]);
  });

  it('members $top=1000 → 400 with the exact page-size message', async () => {
    const { status, body } = await t.graph(`/groups/${IDS.sales}/members?$top=1000`);
    expect(status).toBe(400);
    expect(errorOf(body).message).toBe("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
  });
});

describe('memberOf, directory roles, checkMemberGroups', () => {
  it('memberOf lists direct groups and directory roles; transitiveMemberOf adds parents of nested groups', async () => {
    const alex = await t.graph(`/users/${IDS.alex}/memberOf`);
    expect(values(alex.body)).toEqual([expect.objectContaining({ '@odata.type': '#microsoft.graph.directoryRole', displayName: 'Global Administrator', roleTemplateId: IDS.globalAdmin })]);
    expect((values(alex.body)[0] as Obj).id).not.toBe(IDS.globalAdmin);
    const direct = await t.graph(`/users/${IDS.zoe}/memberOf?$select=id`);
    expect(values(direct.body).map((g) => g.id)).toEqual([IDS.nested]);
    const transitive = await t.graph(`/users/${IDS.zoe}/transitiveMemberOf?$select=id`);
    expect(values(transitive.body).map((g) => g.id).sort()).toEqual([IDS.envAccess, IDS.nested].sort());
  });

  it('memberOf $filter=id in (…) is an advanced query: ConsistencyLevel: eventual and $count=true (§4.3)', async () => {
    const path = `/users/${IDS.zoe}/transitiveMemberOf?$filter=${encodeURIComponent(`id in ('${IDS.envAccess}','${IDS.marketing}')`)}&$count=true`;
    expect((await t.graph(path)).status).toBe(400);
    expect((await t.graph(path.replace('&$count=true', ''), { headers: { ConsistencyLevel: 'eventual' } })).status).toBe(400);
    const { status, body } = await t.graph(path, { headers: { ConsistencyLevel: 'eventual' } });
    expect(status).toBe(200);
    expect(body['@odata.count']).toBe(1);
    expect(values(body).map((g) => g.id)).toEqual([IDS.envAccess]);
  });

  it('directoryRoles(roleTemplateId=…)/members and /directoryRoles/{id}/members', async () => {
    const byTemplate = await t.graph(`/directoryRoles(roleTemplateId='${IDS.globalAdmin}')/members?$select=id,userPrincipalName`);
    expect(byTemplate.status).toBe(200);
    expect(values(byTemplate.body)).toEqual([{ '@odata.type': '#microsoft.graph.user', id: IDS.alex, userPrincipalName: 'alex.admin@fabrikam.test' }]);
    const roles = await t.graph('/directoryRoles');
    const roleId = (values(roles.body)[0] as Obj).id as string;
    const byId = await t.graph(`/directoryRoles/${roleId}/members?$select=id`);
    expect(values(byId.body).map((m) => m.id)).toEqual([IDS.alex]);
    expect((await t.graph("/directoryRoles(roleTemplateId='00000000-0000-4000-8000-000000000999')/members")).status).toBe(404);
  });

  it('checkMemberGroups is transitive and returns the matching subset', async () => {
    const { status, body } = await t.graph(`/users/${IDS.zoe}/checkMemberGroups`, { method: 'POST', body: { groupIds: [IDS.envAccess, IDS.marketing] } });
    expect(status).toBe(200);
    expect(body.value).toEqual([IDS.envAccess]);
  });

  it('checkMemberGroups rejects more than 20 ids and malformed ids, and 404s unknown users', async () => {
    const many = Array.from({ length: 21 }, (_, i) => `22222222-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect((await t.graph(`/users/${IDS.zoe}/checkMemberGroups`, { method: 'POST', body: { groupIds: many } })).status).toBe(400);
    const bad = await t.graph(`/users/${IDS.zoe}/checkMemberGroups`, { method: 'POST', body: { groupIds: ['not-a-guid'] } });
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).code).toBe('Request_BadRequest');
    expect((await t.graph('/users/99999999-0000-4000-8000-000000000000/checkMemberGroups', { method: 'POST', body: { groupIds: [] } })).status).toBe(404);
  });
});

describe('subscribedSkus', () => {
  it('counts consumed units from users and reports prepaid units by capability status', async () => {
    const { body } = await t.graph('/subscribedSkus');
    const skus = values(body);
    const pa = skus.find((s) => s.skuPartNumber === 'POWERAPPS_PER_USER') as Obj;
    // jan + zoe + 1,500 generated (60% of 2,500); soft-deleted dave is not counted
    expect(pa).toMatchObject({ skuId: IDS.powerAppsSku, appliesTo: 'User', capabilityStatus: 'Enabled', consumedUnits: 1502, prepaidUnits: { enabled: 10, suspended: 0, warning: 0 } });
    expect(pa.servicePlans).toEqual([{ servicePlanId: '6ea4c1ef-c259-46df-bce2-943342cd3cb2', servicePlanName: 'DYN365_CDS_P2', provisioningStatus: 'Success', appliesTo: 'User' }]);
    expect(skus.find((s) => s.skuPartNumber === 'O365_BUSINESS_ESSENTIALS')).toMatchObject({ prepaidUnits: { enabled: 0, warning: 5 } });
  });

  it('supports $select only', async () => {
    const { body } = await t.graph('/subscribedSkus?$select=skuId,skuPartNumber');
    expect(values(body)[0]).toEqual({ skuId: IDS.powerAppsSku, skuPartNumber: 'POWERAPPS_PER_USER' });
    expect((await t.graph(`/subscribedSkus?$filter=${encodeURIComponent("skuPartNumber eq 'x'")}`)).status).toBe(400);
  });
});

describe('member $ref changes', () => {
  const ref = (id: string): Obj => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });

  it('adds (204), refuses a duplicate (400, exact message), removes (204) and 404s a second removal', async () => {
    expect((await t.graph(`/groups/${IDS.marketing}/members/$ref`, { method: 'POST', body: ref(IDS.jan) })).status).toBe(204);
    const again = await t.graph(`/groups/${IDS.marketing}/members/$ref`, { method: 'POST', body: ref(IDS.jan) });
    expect(again.status).toBe(400);
    expect(errorOf(again.body)).toMatchObject({ code: 'Request_BadRequest', message: "One or more added object references already exist for the following modified properties: 'members'." });
    const check = await t.graph(`/users/${IDS.jan}/checkMemberGroups`, { method: 'POST', body: { groupIds: [IDS.marketing] } });
    expect(check.body.value).toEqual([IDS.marketing]);
    expect((await t.graph(`/groups/${IDS.marketing}/members/${IDS.jan}/$ref`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.graph(`/groups/${IDS.marketing}/members/${IDS.jan}/$ref`, { method: 'DELETE' })).status).toBe(404);
  });

  it('listings show each change at once, also a big group read page by page and a nested group seen through transitiveMembers', async () => {
    const ids = async (path: string): Promise<unknown[]> => (await pageAll(path)).items.map((m) => m.id);
    const before = await ids(`/groups/${IDS.sales}/members?$top=999&$select=id`);
    expect(before).toHaveLength(2500);
    expect((await t.graph(`/groups/${IDS.sales}/members/$ref`, { method: 'POST', body: ref(IDS.jan) })).status).toBe(204);
    expect(await ids(`/groups/${IDS.sales}/members?$top=999&$select=id`)).toEqual([...before, IDS.jan]);
    expect((await t.graph(`/groups/${IDS.sales}/members/${IDS.jan}/$ref`, { method: 'DELETE' })).status).toBe(204);
    expect(await ids(`/groups/${IDS.sales}/members?$top=999&$select=id`)).toEqual(before);

    const first = await t.graph(`/groups/${IDS.sales}/members?$top=999&$select=id`);
    const removed = values(first.body)[0]?.id as string;
    expect((await t.graph(`/groups/${IDS.sales}/members/${removed}/$ref`, { method: 'DELETE' })).status).toBe(204);
    const second = await t.graph(first.body['@odata.nextLink'] as string);
    expect(values(second.body)[0]?.id).toBe(before[1000]);
    expect((await t.graph(`/groups/${IDS.sales}/members/$ref`, { method: 'POST', body: ref(removed) })).status).toBe(204);

    const transitive = `/groups/${IDS.envAccess}/transitiveMembers/microsoft.graph.user?$select=id`;
    expect(await ids(transitive)).toEqual([IDS.jan, IDS.zoe]);
    expect((await t.graph(`/groups/${IDS.nested}/members/$ref`, { method: 'POST', body: ref(IDS.gwen) })).status).toBe(204);
    expect(await ids(transitive)).toEqual([IDS.jan, IDS.zoe, IDS.gwen]);
    expect((await t.graph(`/groups/${IDS.nested}/members/${IDS.gwen}/$ref`, { method: 'DELETE' })).status).toBe(204);
    expect(await ids(transitive)).toEqual([IDS.jan, IDS.zoe]);
  });

  it('rejects unknown objects and bodies without @odata.id', async () => {
    expect((await t.graph(`/groups/${IDS.marketing}/members/$ref`, { method: 'POST', body: ref('99999999-0000-4000-8000-000000000000') })).status).toBe(404);
    expect((await t.graph(`/groups/${IDS.marketing}/members/$ref`, { method: 'POST', body: {} })).status).toBe(400);
  });
});
