import { NAVIGATION_METADATA, type EntitySetName } from '../../src/sim/dataverse/navigation-metadata';
import { call, environment, useContosoDataverse, userId } from './bap-dataverse-client';

/**
 * The Dataverse rules that follow from a navigation's relationship kind. Sources: microsoft-apis.md
 * §3.1 and §3.3, and Microsoft's "Join tables using OData" (learn.microsoft.com/power-apps/developer/
 * data-platform/webapi/query/join-tables, ms.date 10/30/2024), cited below as "Join tables".
 */
type Collection = { '@odata.nextLink'?: string; value: Record<string, unknown>[] };

const NOT_NESTABLE = (name: string) => ({
  error: { code: '0x80060888', message: `The navigation property '${name}' cannot be expanded. Only many-to-one relationships are supported for nested expansion.` },
});
const ONLY_SELECT_AND_FILTER = {
  error: { code: '0x80060888', message: 'Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.' },
};

describe('Dataverse navigation metadata and the rules it drives (over HTTP)', () => {
  const dv = useContosoDataverse('contosouat');

  const get = (path: string, prefer?: string) => call(path.startsWith('http') ? path : `${dv.base}${path}`, dv.token, { headers: prefer ? { prefer } : {} });
  const uat = () => environment(dv.sim, 'UAT').dataverse;
  const systemUserIdOf = (upn: string) => uat()?.systemUsers.find((row) => row.domainName === upn)?.systemUserId ?? '';

  it("when the bot's old teams query nests teamroles_association under the N:N teammembership_association, then 400 0x80060888 names the N:N property (§3.3; Join tables, 'Nested $expand with N:N relationships')", async () => {
    const oid = userId(dv.sim, 'siobhan.obrien@contoso.com');
    const expand =
      'systemuserroles_association($select=roleid,name),teammembership_association($select=teamid,name,teamtype,membershiptype,azureactivedirectoryobjectid;$expand=teamroles_association($select=roleid,name))';
    const reply = await get(`systemusers?$filter=azureactivedirectoryobjectid eq ${oid}&$select=systemuserid,fullname,domainname&$expand=${encodeURIComponent(expand)}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(NOT_NESTABLE('teammembership_association'));
  });

  it.each([
    ['any nested $expand under an N:N property, even a many-to-one one', 'systemusers', 'teammembership_association($select=name;$expand=businessunitid($select=name))', 'teammembership_association'],
    ['an N:N property expanded inside a one-to-many expand', 'businessunits', 'business_unit_teams($select=name;$expand=teamroles_association($select=name))', 'teamroles_association'],
    ['an N:N property expanded inside a many-to-one expand', 'teams', 'businessunitid($select=name;$expand=business_unit_teams($expand=teamroles_association))', 'teamroles_association'],
  ])('when a query has %s, then 400 0x80060888 (Join tables: N:N relationships are not supported in a nested $expand)', async (_label, set, expand, name) => {
    const reply = await get(`${set}?$expand=${encodeURIComponent(expand)}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(NOT_NESTABLE(name));
  });

  it('when expands nest only many-to-one and one-to-many properties, then Dataverse answers them (Join tables: nested expand of single-valued and of collection-valued properties)', async () => {
    const teams = (await get(`teams?$select=name&$filter=name eq 'Finance Approvers'&$expand=${encodeURIComponent('businessunitid($select=name;$expand=parentbusinessunitid($select=name))')}`)).body as Collection;
    expect(teams.value).toEqual([{ teamid: expect.any(String), name: 'Finance Approvers', businessunitid: { businessunitid: expect.any(String), name: 'contosouat', parentbusinessunitid: null } }]);
    const units = await get(`businessunits?$select=name&$expand=${encodeURIComponent('business_unit_teams($select=name;$expand=businessunitid($select=name))')}`);
    expect(units.status).toBe(200);
    const nestedTeams = ((units.body as Collection).value[0]?.business_unit_teams ?? []) as { name: string; businessunitid: { name: string } }[];
    const rootUnit = uat()?.businessUnits.find((b) => b.parentId === null)?.id;
    expect(nestedTeams.map((t) => t.name).sort()).toEqual(uat()?.teams.filter((t) => t.businessUnitId === rootUnit).map((t) => t.name).sort());
    expect(new Set(nestedTeams.map((t) => t.businessunitid.name))).toEqual(new Set(['contosouat']));
  });

  it.each([
    ['$orderby inside a nested one-to-many expand', 'businessunits', 'business_unit_teams($select=name;$expand=businessunitid($select=name;$orderby=name))'],
    ['$top in a sibling expand of a query with a nested $expand', 'systemusers', 'systemuserroles_association($top=1),businessunitid($expand=parentbusinessunitid)'],
    ['$top inside a many-to-one expand, even single-level', 'systemusers', 'businessunitid($select=name;$top=1)'],
  ])('when a query has %s, then 400 0x80060888 with Microsoft wording (Join tables: "$top or $orderby supported: No" for nested $expand)', async (_label, set, expand) => {
    const reply = await get(`${set}?$expand=${encodeURIComponent(expand)}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(ONLY_SELECT_AND_FILTER);
  });

  it('when a single-level collection expand uses $top and $orderby, then they apply (Join tables: "You can use $top, $filter, and $orderby options")', async () => {
    const siobhan = systemUserIdOf('siobhan.obrien@contoso.com');
    const body = (await get(`systemusers?$filter=systemuserid eq ${siobhan}&$select=fullname&$expand=${encodeURIComponent('teammembership_association($select=name;$orderby=name desc;$top=2)')}`)).body as Collection;
    expect((body.value[0]?.teammembership_association as { name: string }[]).map((t) => t.name)).toEqual(['Finance Department Team', 'Finance Approvers']);
  });

  it('when every navigation property of the metadata table is expanded, then single-valued ones come back as a row or null and collections as an array with <property>@odata.nextLink', async () => {
    for (const [set, navigations] of Object.entries(NAVIGATION_METADATA) as [EntitySetName, Record<string, { kind: string }>][]) {
      for (const [name, { kind }] of Object.entries(navigations)) {
        const reply = await get(`${set}?$top=1&$expand=${name}`);
        expect({ set, name, status: reply.status }).toEqual({ set, name, status: 200 });
        const row = (reply.body as Collection).value[0] ?? {};
        if (kind === 'N:1') {
          expect(row[name] === null || typeof row[name] === 'object').toBe(true);
          expect(Array.isArray(row[name])).toBe(false);
          expect(row[`${name}@odata.nextLink`]).toBeUndefined();
        } else {
          expect(Array.isArray(row[name])).toBe(true);
          expect(row[`${name}@odata.nextLink`]).toEqual(expect.stringContaining(`/${name}`));
        }
      }
    }
  });

  it('when a single-level expand meets Prefer odata.maxpagesize, then only the entity set is paged and each expanded collection links, without paging, to the same rows (Join tables: "Single $expand on collection-valued navigation properties")', async () => {
    const unit = uat()?.businessUnits[0]?.id ?? '';
    const reply = await get(`businessunits?$select=name&$expand=${encodeURIComponent('business_unit_system_users($select=fullname)')}`, 'odata.maxpagesize=2');
    expect(reply.headers.get('preference-applied')).toBe('odata.maxpagesize=2');
    const row = (reply.body as Collection).value[0] as Record<string, unknown>;
    const users = row.business_unit_system_users as { fullname: string }[];
    expect(users).toHaveLength(uat()?.systemUsers.length ?? -1);
    const link = row['business_unit_system_users@odata.nextLink'] as string;
    expect(link).toBe(`${dv.base}businessunits(${unit})/business_unit_system_users?$select=fullname`);
    const again = (await get(link)).body as Collection;
    expect(again.value.map((u) => u.fullname)).toEqual(users.map((u) => u.fullname));
  });

  it('when a query has a nested $expand and Prefer odata.maxpagesize, then each expanded collection is paged and its <property>@odata.nextLink, followed, gives the rest (Join tables: "Nested $expand on collection-valued navigation properties")', async () => {
    const expand = 'business_unit_system_users($select=fullname;$expand=businessunitid($select=name))';
    const first = await get(`businessunits?$select=name&$expand=${encodeURIComponent(expand)}`, 'odata.maxpagesize=3');
    const row = (first.body as Collection).value[0] as Record<string, unknown>;
    const seen = (row.business_unit_system_users as { fullname: string; businessunitid: { name: string } }[]).map((u) => u.fullname);
    expect(seen).toHaveLength(3);
    let link: string | undefined = row['business_unit_system_users@odata.nextLink'] as string;
    expect(link).toContain('$skiptoken=');
    expect(decodeURIComponent(link)).toContain('$expand=businessunitid($select=name)');
    let pages = 1;
    while (link) {
      const page = await get(link, 'odata.maxpagesize=3');
      expect(page.status).toBe(200);
      const body = page.body as Collection;
      seen.push(...body.value.map((u) => String(u.fullname)));
      expect(body.value.every((u) => (u.businessunitid as { name: string }).name === 'contosouat')).toBe(true);
      link = body['@odata.nextLink'];
      pages += 1;
    }
    expect(seen.sort()).toEqual((uat()?.systemUsers.map((u) => u.fullName) ?? []).sort());
    expect(pages).toBe(Math.ceil(seen.length / 3));
  });

  it('when one row is retrieved by key with a collection expand, then the collection comes inline without a nextLink (retrieve-entity-using-web-api: "Retrieve related tables … by expanding navigation properties")', async () => {
    const siobhan = systemUserIdOf('siobhan.obrien@contoso.com');
    const one = (await get(`systemusers(${siobhan})?$select=fullname&$expand=${encodeURIComponent('teammembership_association($select=name)')}`)).body as Record<string, unknown>;
    expect((one.teammembership_association as unknown[]).length).toBe(3);
    expect(one['teammembership_association@odata.nextLink']).toBeUndefined();
  });

  it('when a navigation is addressed by key, then a collection pages like an entity set and a single-valued one answers with its row (§3.3; retrieve-entity-using-web-api, "Retrieve navigation property values")', async () => {
    const siobhan = systemUserIdOf('siobhan.obrien@contoso.com');
    const names: string[] = [];
    let url: string | undefined = `${dv.base}systemusers(${siobhan})/teammembership_association?$select=name,teamtype`;
    while (url) {
      const page = (await get(url, 'odata.maxpagesize=2')).body as Collection;
      names.push(...page.value.map((t) => String(t.name)));
      url = page['@odata.nextLink'];
    }
    expect(names.sort()).toEqual(['Finance Approvers', 'Finance Department Team', 'contosouat']);
    const unit = await get(`systemusers(${siobhan})/businessunitid?$select=name`);
    expect(unit.body).toEqual({ '@odata.context': `${dv.base}$metadata#businessunits(name)/$entity`, businessunitid: uat()?.businessUnits[0]?.id, name: 'contosouat' });
    expect((await get(`businessunits(${uat()?.businessUnits[0]?.id})/parentbusinessunitid`)).status).toBe(204);
  });

  it('when unverified.expandedCollectionsLinkOnly is set, then a collection query returns expanded collections empty with only their nextLink, which still reads the rows (UNVERIFIED knob)', async () => {
    dv.sim.setConfig({ unverified: { expandedCollectionsLinkOnly: true } });
    try {
      const siobhan = systemUserIdOf('siobhan.obrien@contoso.com');
      const row = ((await get(`systemusers?$filter=systemuserid eq ${siobhan}&$select=fullname&$expand=${encodeURIComponent('teammembership_association($select=name)')}`)).body as Collection).value[0] ?? {};
      expect(row.teammembership_association).toEqual([]);
      const linked = (await get(String(row['teammembership_association@odata.nextLink']))).body as Collection;
      expect(linked.value).toHaveLength(3);
    } finally {
      dv.sim.setConfig({ unverified: { expandedCollectionsLinkOnly: false } });
    }
  });
});
