import { IDS, errorOf, tokenFor, useSmallGraph } from './helpers';

const t = useSmallGraph();

const names = (body: Record<string, unknown>): string[] => (body.value as { displayName: string }[]).map((u) => u.displayName).sort();
const q = (filter: string): string => `/users?$filter=${encodeURIComponent(filter)}&$select=displayName`;

describe('GET /users/{id|upn}', () => {
  it('returns the default property set without accountEnabled, assignedLicenses or userType', async () => {
    const { status, body } = await t.graph(`/users/${IDS.jan}`);
    expect(status).toBe(200);
    expect(body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#users/$entity');
    expect(body).toMatchObject({ id: IDS.jan, displayName: 'Jan Kowalski', userPrincipalName: 'jan.kowalski@fabrikam.test', businessPhones: [] });
    expect(body).not.toHaveProperty('accountEnabled');
    expect(body).not.toHaveProperty('assignedLicenses');
    expect(body).not.toHaveProperty('userType');
  });

  it('returns accountEnabled, userType and assignedLicenses (with disabledPlans) when selected, looked up by UPN', async () => {
    const { body } = await t.graph('/users/JAN.KOWALSKI@fabrikam.test?$select=id,accountEnabled,userType,assignedLicenses');
    expect(body).toEqual({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(id,accountEnabled,userType,assignedLicenses)/$entity',
      id: IDS.jan,
      accountEnabled: true,
      userType: 'Member',
      assignedLicenses: [{ skuId: IDS.powerAppsSku, disabledPlans: ['6ea4c1ef-c259-46df-bce2-943342cd3cb2'] }],
    });
  });

  it('unknown and soft-deleted users → 404 Request_ResourceNotFound with the documented message', async () => {
    for (const id of ['99999999-0000-4000-8000-000000000000', IDS.dave]) {
      const { status, body } = await t.graph(`/users/${id}`);
      expect(status).toBe(404);
      expect(errorOf(body)).toMatchObject({ code: 'Request_ResourceNotFound', message: `Resource '${id}' does not exist or one of its queried reference-property objects are not present.` });
    }
  });

  it('an unknown $select property → 400', async () => {
    const { status, body } = await t.graph(`/users/${IDS.jan}?$select=id,favouriteColour`);
    expect(status).toBe(400);
    expect(errorOf(body).message).toBe("Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.");
  });

  it('licenseDetails is refused for app-only tokens (403 Authorization_RequestDenied)', async () => {
    const { status, body } = await t.graph(`/users/${IDS.jan}/licenseDetails`);
    expect(status).toBe(403);
    expect(errorOf(body)).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
  });
});

describe('GET /users with $filter', () => {
  it.each([
    ["displayName eq 'jan kowalski'", ['Jan Kowalski']],
    ["startswith(displayName,'JAN')", ['Jan Kowalski', "Janet O'Brien"]],
    ["displayName eq 'Janet O''Brien'", ["Janet O'Brien"]],
    ["startswith(surname,'o''b')", ["Janet O'Brien"]],
    ["givenName eq 'Zoë' or surname eq 'Admin'", ['Alex Admin', 'Zoë Müller']],
    ["(startswith(givenName,'Ja') or startswith(givenName,'Zo')) and accountEnabled eq true", ['Jan Kowalski', 'Zoë Müller']],
    ['accountEnabled eq false and startswith(userPrincipalName,\'jan\')', ["Janet O'Brien"]],
    ["userType eq 'Guest'", ['Gwen Guest']],
    [`id in ('${IDS.jan}','${IDS.zoe}','${IDS.dave}')`, ['Jan Kowalski', 'Zoë Müller']],
    ['mail eq null and startswith(displayName,\'Z\')', ['Zoë Müller']],
    ["mail eq 'GWEN@contoso.com'", ['Gwen Guest']],
  ])('%s', async (filter, expected) => {
    const { status, body } = await t.graph(q(filter));
    expect(status).toBe(200);
    expect(names(body)).toEqual(expected);
  });

  it.each([
    ["displayName eq 'unterminated", 'BadRequest'],
    ['displayName eq', 'BadRequest'],
    ["startswith(displayName 'x')", 'BadRequest'],
    ["((displayName eq 'x')", 'BadRequest'],
    ["favouriteColour eq 'blue'", 'BadRequest'],
    ["displayName ne 'x'", 'Request_UnsupportedQuery'],
    ["endswith(mail,'.test')", 'Request_UnsupportedQuery'],
    ["jobTitle eq 'x'", 'Request_UnsupportedQuery'],
  ])('rejects %s with 400 %s', async (filter, code) => {
    const { status, body } = await t.graph(q(filter));
    expect(status).toBe(400);
    expect(errorOf(body).code).toBe(code);
  });

  it('ne/endswith work in advanced query mode (ConsistencyLevel: eventual + $count=true)', async () => {
    const { status, body } = await t.graph(`${q("endswith(mail,'@contoso.com')")}&$count=true`, { headers: { consistencylevel: 'eventual' } });
    expect(status).toBe(200);
    expect(body['@odata.count']).toBe(1);
    expect(names(body)).toEqual(['Gwen Guest']);
  });

  it('$count=true without ConsistencyLevel → 400', async () => {
    expect((await t.graph('/users?$count=true')).status).toBe(400);
  });
});

describe('GET /users with $search, $top and paging', () => {
  it('$search needs ConsistencyLevel: eventual', async () => {
    const { status, body } = await t.graph('/users?$search="displayName:jan"');
    expect(status).toBe(400);
    expect(errorOf(body).code).toBe('Request_UnsupportedQuery');
  });

  it('$search matches word prefixes, case-insensitively', async () => {
    const { body } = await t.graph('/users?$search="displayName:mül" OR "displayName:kow"&$select=displayName', { headers: { ConsistencyLevel: 'eventual' } });
    expect(names(body)).toEqual(['Jan Kowalski', 'Zoë Müller']);
  });

  it.each(['1000', '0', 'abc', '-1'])('$top=%s → 400 with Graph\'s exact message', async (top) => {
    const { status, body } = await t.graph(`/users?$top=${top}`);
    expect(status).toBe(400);
    expect(errorOf(body)).toMatchObject({ code: 'Request_BadRequest', message: `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.` });
  });

  it('default page size is 100 and nextLink pages through every live user exactly once', async () => {
    const first = await t.graph('/users?$select=id');
    expect((first.body.value as unknown[]).length).toBe(100);
    const link = first.body['@odata.nextLink'] as string;
    expect(link.startsWith(`${t.sim.origin}/graph/v1.0/users?`)).toBe(true);
    expect(link).toContain('$skiptoken=');
    const ids = new Set<string>();
    let next: string | undefined = `/users?$select=id&$top=999`;
    let pages = 0;
    while (next) {
      const page = await t.graph(next);
      for (const u of page.body.value as { id: string }[]) ids.add(u.id);
      next = page.body['@odata.nextLink'] as string | undefined;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(ids.size).toBe(2505);
    expect(ids.has(IDS.dave)).toBe(false);
  });

  it('a forged $skiptoken → 400, not a crash', async () => {
    const { status } = await t.graph('/users?$skiptoken=garbage');
    expect(status).toBe(400);
    expect((await t.graph('/users?$top=1')).status).toBe(200);
  });

  it('unknown segments → 400 "Resource not found for the segment", wrong method → 405', async () => {
    const { status, body } = await t.graph('/usres');
    expect(status).toBe(400);
    expect(errorOf(body)).toMatchObject({ code: 'BadRequest', message: "Resource not found for the segment 'usres'." });
    expect((await t.graph(`/users/${IDS.jan}/frobnicate`)).body).toMatchObject({ error: { message: "Resource not found for the segment 'frobnicate'." } });
    expect((await t.graph('/users', { method: 'DELETE' })).status).toBe(405);
  });

  it('malformed JSON body → 400 and the server keeps serving', async () => {
    const res = await fetch(`${t.sim.urls.graph}/v1.0/users/${IDS.jan}/checkMemberGroups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(t.sim, 'https://graph.microsoft.com')}`, 'content-type': 'application/json' },
      body: '{"groupIds": [',
    });
    expect(res.status).toBe(400);
    expect((await t.graph('/users?$top=1')).status).toBe(200);
  });
});
