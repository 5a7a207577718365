import type { RunningSimulator } from '../../src/sim/server';
import { dataverseToken, environment, startContoso } from './bap-dataverse-client';

interface PartAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Contract tests for microsoft-apis.md §10 (Dataverse Web API `$batch`, "Execute batch operations using the Web API"). */
describe('Dataverse $batch (§10)', () => {
  let sim: RunningSimulator;
  let token: string;
  let base: string;
  beforeEach(async () => {
    sim = await startContoso();
    token = await dataverseToken(sim, 'contosouat');
    base = `${sim.urls.dataverse('contosouat')}api/data/v9.2/`;
  });
  afterEach(() => sim.close());

  const uat = () => environment(sim, 'UAT').dataverse as NonNullable<ReturnType<typeof environment>['dataverse']>;
  const rootUnit = () => uat().businessUnits.find((b) => b.parentId === null)?.id;
  const role = (name: string) => uat().roles.find((r) => r.name === name && r.businessUnitId === rootUnit())?.id as string;
  const rowOf = (upn: string) => uat().systemUsers.find((u) => u.domainName === upn) as NonNullable<ReturnType<typeof uat>['systemUsers'][number]>;

  const refPart = (userId: string, roleId: string, contentId?: number) =>
    [
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      ...(contentId ? [`Content-ID: ${contentId}`] : []),
      '',
      `POST /api/data/v9.2/systemusers(${userId})/systemuserroles_association/$ref HTTP/1.1`,
      'Content-Type: application/json; type=entry',
      '',
      JSON.stringify({ '@odata.id': `${base}roles(${roleId})` }),
    ].join('\r\n');

  const body = (boundary: string, parts: string[]) => `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`;

  async function batch(parts: string[], prefer?: string): Promise<{ status: number; parts: PartAnswer[] }> {
    const response = await fetch(`${base}$batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/mixed; boundary="batch_AAA"', ...(prefer ? { prefer } : {}) },
      body: body('batch_AAA', parts),
    });
    const boundary = /boundary=(\S+)/.exec(response.headers.get('content-type') ?? '')?.[1];
    const text = await response.text();
    if (!boundary) return { status: response.status, parts: [{ status: response.status, headers: {}, body: JSON.parse(text) as unknown }] };
    return { status: response.status, parts: readParts(text, boundary) };
  }

  it('when every request succeeds, then 200 with one application/http part per request, in order, each 204', async () => {
    const siobhan = rowOf('siobhan.obrien@contoso.com');
    const zoe = rowOf('zoe.muller@contoso.com');
    const answer = await batch([refPart(siobhan.systemUserId, role('Finance Clerk')), refPart(zoe.systemUserId, role('Finance Clerk'))]);
    expect(answer.status).toBe(200);
    expect(answer.parts.map((p) => p.status)).toEqual([204, 204]);
    expect(zoe.roleIds).toEqual([role('Finance Clerk')]);
  });

  it('when one request fails, then by default the batch stops there with 400; with odata.continue-on-error every request runs and the batch is 200', async () => {
    const siobhan = rowOf('siobhan.obrien@contoso.com');
    const zoe = rowOf('zoe.muller@contoso.com');
    const financeCopy = uat().roles.find((r) => r.name === 'Finance Clerk' && r.parentRootRoleId)?.id as string;
    const parts = [refPart(siobhan.systemUserId, financeCopy), refPart(zoe.systemUserId, role('Finance Clerk'))];
    const stopped = await batch(parts);
    expect(stopped.status).toBe(400);
    expect(stopped.parts).toHaveLength(1);
    expect(stopped.parts[0]).toMatchObject({ status: 400, body: { error: { code: '0x80041409' } } });
    expect(zoe.roleIds).toEqual([]);

    const all = await batch(parts, 'odata.continue-on-error');
    expect(all.status).toBe(200);
    expect(all.parts.map((p) => p.status)).toEqual([400, 204]);
    expect(zoe.roleIds).toEqual([role('Finance Clerk')]);
  });

  it('when a change set has a failing member, then none of its changes stay; a GET inside a change set is refused', async () => {
    const siobhan = rowOf('siobhan.obrien@contoso.com');
    const zoe = rowOf('zoe.muller@contoso.com');
    const changeSet = (members: string[]) => `Content-Type: multipart/mixed; boundary="changeset_BBB"\r\n\r\n${body('changeset_BBB', members)}`;
    const answer = await batch([changeSet([refPart(zoe.systemUserId, role('Finance Clerk'), 1), refPart(siobhan.systemUserId, '99999999-9999-4999-8999-999999999999', 2)])]);
    expect(answer.status).toBe(400);
    expect(answer.parts).toEqual([expect.objectContaining({ status: 404, headers: expect.objectContaining({ 'content-id': '2' }) })]);
    expect(zoe.roleIds).toEqual([]);

    const get = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary', '', 'GET /api/data/v9.2/roles?$select=name HTTP/1.1', ''].join('\r\n');
    expect((await batch([changeSet([get])])).parts[0]).toMatchObject({ status: 400, body: { error: { message: 'A change set cannot contain a GET request.' } } });
    const outside = await batch([get]);
    expect(outside.parts[0]?.status).toBe(200);
    expect((outside.parts[0]?.body as { value: unknown[] }).value.length).toBe(uat().roles.length);
  });

  it('when a batch holds more than 1,000 requests, then it is refused whole with 400 (wording UNVERIFIED) and nothing runs', async () => {
    const zoe = rowOf('zoe.muller@contoso.com');
    const parts = Array.from({ length: 1001 }, () => refPart(zoe.systemUserId, role('Finance Clerk')));
    const answer = await batch(parts, 'odata.continue-on-error');
    expect(answer.status).toBe(400);
    expect(answer.parts[0]?.body).toEqual({ error: { code: '0x80060888', message: 'The batch contains 1001 requests; a batch can contain at most 1000.' } });
    expect(zoe.roleIds).toEqual([]);
    const exactly = await batch(parts.slice(0, 1000), 'odata.continue-on-error');
    expect(exactly.parts).toHaveLength(1000);
  });

  it('when the body does not use the declared boundary, then 400 before anything runs', async () => {
    const response = await fetch(`${base}$batch`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/mixed; boundary=batch_X' }, body: 'not multipart' });
    expect(response.status).toBe(400);
  });
});

/** Splits a batch response into its application/http answers (change-set answers flattened). */
function readParts(text: string, boundary: string): PartAnswer[] {
  const chunks = text.split(`--${boundary}`).slice(1, -1);
  return chunks.flatMap((chunk) => {
    const inner = /boundary=(changesetresponse_\S+)/.exec(chunk);
    if (inner?.[1]) return readParts(chunk.slice(chunk.indexOf('\r\n\r\n') + 4), inner[1]);
    // part headers, blank line, status line and headers, blank line, body
    const sections = chunk.trim().split('\r\n\r\n');
    const head = (sections[1] ?? '').split('\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head[0] ?? '')?.[1]);
    const headers: Record<string, string> = {};
    for (const line of [...(sections[0] ?? '').split('\r\n'), ...head.slice(1)]) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const payload = sections.slice(2).join('\r\n\r\n').trim();
    return [{ status, headers, body: payload ? (JSON.parse(payload) as unknown) : undefined }];
  });
}
