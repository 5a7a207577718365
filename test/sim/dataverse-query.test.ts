import { REPORTING_APP, call, dataverseToken, environment, useContosoDataverse, userId } from './bap-dataverse-client';

type Collection = { '@odata.context': string; '@odata.count'?: number; '@odata.nextLink'?: string; value: Record<string, unknown>[] };

describe('Dataverse Web API queries (over HTTP)', () => {
  const dv = useContosoDataverse('contosouat');

  const get = (path: string, headers: Record<string, string> = {}) => call(`${dv.base}${path}`, dv.token, { headers });

  it('when filtering systemusers by an unquoted GUID with $select, then only that row and the selected columns (plus the key) come back', async () => {
    const siobhan = userId(dv.sim, 'siobhan.obrien@contoso.com');
    const reply = await get(`systemusers?$filter=azureactivedirectoryobjectid eq ${siobhan}&$select=fullname,domainname,accessmode,isdisabled,_businessunitid_value`);
    expect(reply.status).toBe(200);
    const body = reply.body as Collection;
    expect(body['@odata.context']).toBe(`${dv.base}$metadata#systemusers(fullname,domainname,accessmode,isdisabled,_businessunitid_value)`);
    expect(body.value).toEqual([
      {
        systemuserid: expect.any(String),
        fullname: "Siobhan O'Brien",
        domainname: 'siobhan.obrien@contoso.com',
        accessmode: 0,
        isdisabled: false,
        _businessunitid_value: environment(dv.sim, 'UAT').dataverse?.businessUnits[0]?.id,
      },
    ]);
  });

  it('when no $select is given, then every §3.2 column is present', async () => {
    const body = (await get(`systemusers?$filter=domainname eq 'siobhan.obrien@contoso.com'`)).body as Collection;
    expect(Object.keys(body.value[0] ?? {}).sort()).toEqual(
      [
        'systemuserid', 'azureactivedirectoryobjectid', 'domainname', 'internalemailaddress', 'fullname', 'firstname', 'lastname', 'isdisabled', 'disabledreason',
        'accessmode', 'islicensed', 'issyncwithdirectory', 'applicationid', 'azurestate', 'deletedstate', 'caltype', '_businessunitid_value', 'setupuser',
        'isintegrationuser', 'userlicensetype', 'windowsliveid', 'azuredeletedon',
      ].sort(),
    );
    expect(body.value[0]).toMatchObject({ firstname: 'Siobhan', lastname: "O'Brien", issyncwithdirectory: true });
  });

  it("when a string literal has an escaped quote ('O''Brien'), then it matches case-insensitively", async () => {
    const body = (await get(`systemusers?$filter=fullname eq 'siobhan o''brien'&$select=fullname`)).body as Collection;
    expect(body.value.map((r) => r.fullname)).toEqual(["Siobhan O'Brien"]);
  });

  it('when filtering with Microsoft.Dynamics.CRM.In, then every listed object id that is provisioned comes back', async () => {
    const ids = ['siobhan.obrien@contoso.com', 'wei.zhang@contoso.com', 'hannah.weber@contoso.com'].map((upn) => userId(dv.sim, upn));
    const filter = `Microsoft.Dynamics.CRM.In(PropertyName='azureactivedirectoryobjectid',PropertyValues=[${ids.map((id) => `'${id}'`).join(',')}])`;
    const body = (await get(`systemusers?$filter=${encodeURIComponent(filter)}&$select=domainname`)).body as Collection;
    expect(body.value.map((r) => r.domainname).sort()).toEqual(['siobhan.obrien@contoso.com', 'wei.zhang@contoso.com']);
  });

  it('when object ids are OR-ed (as a batched look-up does), then each provisioned user comes back once, in table order', async () => {
    const ids = ['wei.zhang@contoso.com', 'siobhan.obrien@contoso.com', 'hannah.weber@contoso.com', 'wei.zhang@contoso.com'].map((upn) => userId(dv.sim, upn));
    const filter = ids.map((id) => `azureactivedirectoryobjectid eq ${id}`).join(' or ');
    const body = (await get(`systemusers?$select=domainname&$filter=${encodeURIComponent(filter)}`)).body as Collection;
    const order = environment(dv.sim, 'UAT').dataverse?.systemUsers.map((r) => r.domainName) ?? [];
    const expected = ['siobhan.obrien@contoso.com', 'wei.zhang@contoso.com'].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    expect(body.value.map((r) => r.domainname)).toEqual(expected);
  });

  it('when In() takes parameter aliases with a JSON list, or GUIDs in braces, then it matches the same rows', async () => {
    const [siobhan, wei] = ['siobhan.obrien@contoso.com', 'wei.zhang@contoso.com'].map((upn) => userId(dv.sim, upn));
    const aliased = await get(
      `systemusers?$select=domainname&$filter=${encodeURIComponent('Microsoft.Dynamics.CRM.In(PropertyName=@p1,PropertyValues=@p2)')}&@p1=${encodeURIComponent("'fullname'")}&@p2=${encodeURIComponent('["Siobhan O\'Brien","Wei Zhang"]')}`,
    );
    expect(aliased.status).toBe(200);
    expect((aliased.body as Collection).value.map((r) => r.domainname).sort()).toEqual(['siobhan.obrien@contoso.com', 'wei.zhang@contoso.com']);
    const braces = `Microsoft.Dynamics.CRM.In(PropertyName='azureactivedirectoryobjectid',PropertyValues=['{${siobhan?.toUpperCase()}}','{${wei}}'])`;
    expect(((await get(`systemusers?$select=domainname&$filter=${encodeURIComponent(braces)}`)).body as Collection).value).toHaveLength(2);
    const comparison = await get(`systemusers?$select=domainname&$filter=fullname eq @name&@name=${encodeURIComponent("'Wei Zhang'")}`);
    expect((comparison.body as Collection).value.map((r) => r.domainname)).toEqual(['wei.zhang@contoso.com']);
  });

  it('when an alias is missing or a double-quoted literal is used inline, then 400 0x80060888', async () => {
    const missing = await get(`systemusers?$filter=fullname eq @nope`);
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: { code: '0x80060888', message: "The parameter alias '@nope' is not defined in the request." } });
    const inline = await get(`systemusers?$filter=${encodeURIComponent('fullname eq "Wei Zhang"')}`);
    expect(inline.status).toBe(400);
  });

  it('when combining and/or/not with parentheses and null, then the OData logic holds', async () => {
    const body = (await get(`systemusers?$filter=(accessmode eq 3 or accessmode eq 5) and azureactivedirectoryobjectid eq null and not (isdisabled eq true)&$select=domainname,accessmode&$orderby=accessmode desc`))
      .body as Collection;
    expect(body.value).toEqual([
      { systemuserid: expect.any(String), domainname: 'crmoln2@microsoft.com', accessmode: 5 },
      { systemuserid: expect.any(String), domainname: 'crmoln@microsoft.com', accessmode: 3 },
    ]);
    const app = (await get(`systemusers?$filter=applicationid ne null&$select=fullname,firstname,applicationid,accessmode`)).body as Collection;
    const applicationUsers = environment(dv.sim, 'UAT').dataverse?.systemUsers.filter((row) => row.applicationId) ?? [];
    expect(app.value.map((row) => row.applicationid)).toEqual(applicationUsers.map((row) => row.applicationId));
    expect(app.value).toContainEqual({ systemuserid: expect.any(String), fullname: '# Dataverse Access Bot (demo)', firstname: '#', applicationid: dv.sim.demoClient.clientId, accessmode: 4 });
  });

  it("when expanding a user's direct roles and teams single-level, then reading those teams' roles from one teams query (§3.3: no nested $expand under N:N)", async () => {
    const siobhan = userId(dv.sim, 'siobhan.obrien@contoso.com');
    const expand = 'systemuserroles_association($select=name,roleid),teammembership_association($select=name,teamtype,membershiptype,azureactivedirectoryobjectid)';
    const body = (await get(`systemusers?$filter=azureactivedirectoryobjectid eq ${siobhan}&$select=fullname&$expand=${encodeURIComponent(expand)}`)).body as Collection;
    const row = body.value[0] as { systemuserroles_association: { name: string }[]; teammembership_association: { teamid: string; name: string; teamtype: number }[] };
    expect(row.systemuserroles_association.map((r) => r.name)).toEqual(['Basic User']);
    const teamIds = row.teammembership_association.map((t) => t.teamid);
    const teams = (await get(`teams?$filter=${encodeURIComponent(teamIds.map((id) => `teamid eq ${id}`).join(' or '))}&$select=name,teamtype&$expand=${encodeURIComponent('teamroles_association($select=roleid,name)')}`)).body as Collection;
    const roles = Object.fromEntries(teams.value.map((t) => [t.name, { type: t.teamtype, roles: (t.teamroles_association as { name: string }[]).map((r) => r.name) }]));
    expect(roles).toEqual({
      contosouat: { type: 0, roles: [] },
      'Finance Department Team': { type: 3, roles: ['Basic User'] },
      'Finance Approvers': { type: 0, roles: ['Finance Approver'] },
    });
  });

  it('when reading teams, a single systemuser and a navigation path, then each answers in Dataverse shape', async () => {
    const fc = (await get(`teams?$filter=teamtype eq 2&$select=name,azureactivedirectoryobjectid,membershiptype&$expand=teamroles_association($select=name)`)).body as Collection;
    expect(fc.value).toEqual([
      {
        teamid: expect.any(String),
        name: 'Financial Coordinator Team',
        azureactivedirectoryobjectid: dv.sim.state().fixture.groups.find((g) => g.displayName === 'Financial Coordinators')?.id,
        membershiptype: 0,
        teamroles_association: [{ roleid: expect.any(String), name: 'Finance Coordinator' }],
        'teamroles_association@odata.nextLink': `${dv.base}teams(${String(fc.value[0]?.teamid)})/teamroles_association?$select=name`,
      },
    ]);
    const wei = environment(dv.sim, 'UAT').dataverse?.systemUsers.find((r) => r.domainName === 'wei.zhang@contoso.com');
    const one = await get(`systemusers(${wei?.systemUserId})?$select=fullname,accessmode`);
    expect(one.body).toEqual({ '@odata.context': `${dv.base}$metadata#systemusers(fullname,accessmode)/$entity`, systemuserid: wei?.systemUserId, fullname: 'Wei Zhang', accessmode: 2 });
    const teams = (await get(`systemusers(${wei?.systemUserId})/teammembership_association?$select=name,teamtype`)).body as Collection;
    expect(teams.value.map((t) => t.name).sort()).toEqual(['Finance Department Team', 'Quarter Close Access Team', 'contosouat']);
    // §9.2: the Finance business unit holds its own copy of each root role, pointing at the root role
    const units = (await get('businessunits')).body as Collection;
    const root = units.value.find((u) => u._parentbusinessunitid_value === null)?.businessunitid;
    expect(units.value).toEqual([
      { businessunitid: root, name: 'contosouat', _parentbusinessunitid_value: null },
      { businessunitid: expect.any(String), name: 'Finance', _parentbusinessunitid_value: root },
    ]);
    const roles = (await get(`roles?$select=name,ismanaged,_businessunitid_value,_parentrootroleid_value&$filter=name eq 'System Administrator'`)).body as Collection;
    const rootRole = roles.value.find((r) => r._businessunitid_value === root)?.roleid;
    expect(roles.value).toEqual([
      { roleid: rootRole, name: 'System Administrator', ismanaged: true, _businessunitid_value: root, _parentrootroleid_value: rootRole },
      { roleid: expect.any(String), name: 'System Administrator', ismanaged: true, _businessunitid_value: units.value[1]?.businessunitid, _parentrootroleid_value: rootRole },
    ]);
  });

  it('when $count=true and $top are given, then the count covers every match and $top caps the page', async () => {
    const body = (await get('systemusers?$select=domainname&$count=true&$top=2')).body as Collection;
    expect(body['@odata.count']).toBe(environment(dv.sim, 'UAT').dataverse?.systemUsers.length);
    expect(body.value).toHaveLength(2);
    expect(body['@odata.nextLink']).toBeUndefined();
  });

  it('when Prefer odata.maxpagesize is smaller than the result, then pages chain through @odata.nextLink with $skiptoken', async () => {
    const all = environment(dv.sim, 'UAT').dataverse?.systemUsers.map((r) => r.systemUserId).sort() ?? [];
    const seen: string[] = [];
    let url: string | undefined = `${dv.base}systemusers?$select=fullname`;
    let pages = 0;
    while (url) {
      const reply = await call(url, dv.token, { headers: { prefer: 'odata.maxpagesize=3' } });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('preference-applied')).toBe('odata.maxpagesize=3');
      const body = reply.body as Collection;
      expect(body.value.length).toBeLessThanOrEqual(3);
      seen.push(...body.value.map((r) => String(r.systemuserid)));
      url = body['@odata.nextLink'];
      if (url) expect(url).toContain('$skiptoken=');
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(all.length / 3));
    expect(seen.sort()).toEqual(all);
  });

  it('when a single-level $expand orders its rows, then that is allowed (§3.3 refuses it only in nested expands)', async () => {
    const body = (await get(`systemusers?$select=fullname&$expand=${encodeURIComponent('teammembership_association($select=name;$orderby=name desc)')}`)).body as Collection;
    const teams = body.value.map((u) => (u.teammembership_association as { name: string }[]).map((t) => t.name)).find((names) => names.length > 1) ?? [];
    expect(teams.length).toBeGreaterThan(1);
    expect(teams).toEqual([...teams].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' }))); // Dataverse orders strings case-insensitively
  });

  it.each([
    ['an unknown $select column', 'systemusers?$select=fullname,nosuchcolumn', 400, '0x80060888', "Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.systemuser'."],
    ['an unknown $filter column', 'systemusers?$filter=nosuch eq 1', 400, '0x80060888', "Could not find a property named 'nosuch' on type 'Microsoft.Dynamics.CRM.systemuser'."],
    ['a quoted GUID against a GUID column', "systemusers?$filter=azureactivedirectoryobjectid eq 'abc'", 400, '0x80060888', "A binary operator with incompatible types was detected. Found operand types 'Edm.Guid' and 'Edm.String' for operator kind 'Equal'."],
    ['a malformed filter', 'systemusers?$filter=fullname eq', 400, '0x80060888', "Syntax error at position 11 in 'fullname eq'."],
    ['an unknown navigation in $expand', 'systemusers?$expand=nosuch_association', 400, '0x80060888', "Could not find a property named 'nosuch_association' on type 'Microsoft.Dynamics.CRM.systemuser'."],
    ['$orderby in a query with a nested $expand (§3.3)', `businessunits?$expand=${encodeURIComponent('business_unit_teams($orderby=name;$expand=businessunitid($select=name))')}`, 400, '0x80060888', 'Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.'],
    ['an unknown entity set', 'contacts', 404, '0x8006088a', "Resource not found for the segment 'contacts'."],
    ['a missing row', 'systemusers(00000000-0000-4000-8000-000000000000)', 404, '0x80040217', "Entity 'systemuser' With Id = 00000000-0000-4000-8000-000000000000 Does Not Exist"],
  ])('when the query has %s (%s), then %i %s with Dataverse wording', async (_label, path, status, code, message) => {
    const reply = await get(path);
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual({ error: { code, message } });
  });

  it('when the org has no application user for the caller app, then 403 0x80072560', async () => {
    const reportingToken = await dataverseToken(dv.sim, 'contosouat', REPORTING_APP);
    const denied = await call(`${dv.base}systemusers?$top=1`, reportingToken);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ error: { code: '0x80072560', message: 'The user is not a member of the organization.' } });
    const financeReporting = await dataverseToken(dv.sim, 'contosofinrpt');
    const missing = await call(`${dv.sim.urls.dataverse('contosofinrpt')}api/data/v9.2/WhoAmI`, financeReporting);
    expect(missing.status).toBe(403);
  });

  it('when WhoAmI is called by the application user, then it names that user and the organization', async () => {
    const reply = await get('WhoAmI');
    const app = environment(dv.sim, 'UAT').dataverse?.systemUsers.find((r) => r.applicationId === dv.sim.demoClient.clientId);
    expect(reply.body).toMatchObject({ UserId: app?.systemUserId, BusinessUnitId: app?.businessUnitId, OrganizationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});
