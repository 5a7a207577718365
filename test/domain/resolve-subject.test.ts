import { AppError } from '../../src/errors';
import { resolveSubject, type SubjectResolution } from '../../src/domain/resolve';
import type { SubjectDirectory } from '../../src/domain/resolve/resolve-subject';
import type { DeletedUser, DirectoryUser, ServicePrincipal } from '../../src/gateways/types';
import { user } from './access-fixtures';

const SERVICE: DirectoryUser = user({ id: 'e5844e73-224d-45ac-bb6a-6d98dd1fa839', displayName: 'Integration Service', givenName: 'Integration', userPrincipalName: 'svc-integration@contoso.com', mail: 'svc-integration@contoso.com' });
const HUB: ServicePrincipal = { id: 'aa5a6149-eb89-4ab1-901a-94bb469211e5', appId: '3129154c-9103-464a-b3ce-5aa3ad527e10', displayName: 'Integration Hub', accountEnabled: true };
const BEN: DeletedUser = { id: '8c6a2038-90f6-4fb8-9f31-271fe3b7b670', displayName: 'Ben Carter', givenName: 'Ben', userPrincipalName: '8c6a203890f64fb89f31271fe3b7b670ben.carter@contoso.com', mail: 'ben.carter@contoso.com', deletedDateTime: '2026-11-10T12:00:00Z' };
const BENJAMIN: DirectoryUser = user({ id: '0b0b0b0b-0000-4000-8000-000000000001', displayName: 'Benjamin Carterson', givenName: 'Benjamin', userPrincipalName: 'benjamin.carterson@contoso.com' });

const starts = (value: string, q: string) => value.toLowerCase().startsWith(q.toLowerCase());

/** An in-memory directory with the gateway's matching rules, recording which lookups ran. */
function directory(options: { people?: DirectoryUser[]; apps?: ServicePrincipal[]; deleted?: DeletedUser[]; appsForbidden?: boolean } = {}) {
  const calls: string[] = [];
  const { people = [], apps = [], deleted = [] } = options;
  const forbidden = () => {
    throw new AppError('graph.failed', 'The bot lacks Application.Read.All.');
  };
  const dir: SubjectDirectory = {
    async getUser(id) {
      calls.push('getUser');
      return people.find((p) => p.id === id) ?? null;
    },
    async findUsers(q, limit) {
      calls.push(`findUsers:${q}`);
      return people.filter((p) => [p.displayName, p.givenName ?? '', p.userPrincipalName, p.mail ?? ''].some((v) => starts(v, q))).slice(0, limit);
    },
    async findServicePrincipals(q) {
      calls.push('findServicePrincipals');
      if (options.appsForbidden) forbidden();
      return apps.filter((a) => starts(a.displayName, q));
    },
    async getServicePrincipalByAppId(appId) {
      calls.push('getServicePrincipalByAppId');
      if (options.appsForbidden) forbidden();
      return apps.find((a) => a.appId === appId) ?? null;
    },
    async findDeletedUsers(q) {
      calls.push('findDeletedUsers');
      return deleted.filter((d) => [d.displayName, d.userPrincipalName, d.mail ?? ''].some((v) => starts(v, q)));
    },
    async getDeletedUser(id) {
      calls.push('getDeletedUser');
      return deleted.find((d) => d.id === id) ?? null;
    },
  };
  return { dir, calls };
}

const kindOf = (r: SubjectResolution) => (r.kind === 'found' ? `${r.kind}:${r.value.kind}` : r.kind);

describe('resolveSubject: people, applications and deleted accounts', () => {
  it('a unique exact person wins at once: applications and deleted users are not looked up (one request)', async () => {
    const { dir, calls } = directory({ people: [SERVICE], apps: [HUB] });
    expect(kindOf(await resolveSubject('Integration Service', dir))).toBe('found:person');
    expect(calls).toEqual(['findUsers:Integration Service']);
  });

  it('a name matching a person and an application: a choice listing both (person first)', async () => {
    const { dir } = directory({ people: [SERVICE], apps: [HUB] });
    const r = await resolveSubject('Integration', dir);
    expect(r.kind).toBe('ambiguous');
    expect(r.kind === 'ambiguous' && r.candidates.map((c) => c.kind)).toEqual(['person', 'application']);
  });

  it("an application's exact name or application (client) id finds the application", async () => {
    expect(kindOf(await resolveSubject('integration hub', directory({ people: [SERVICE], apps: [HUB] }).dir))).toBe('found:application');
    expect(kindOf(await resolveSubject(HUB.appId, directory({ apps: [HUB] }).dir))).toBe('found:application');
  });

  it('nobody alive: the deleted account is the answer, even when a live person has a similar name (no suggestions instead)', async () => {
    const { dir, calls } = directory({ people: [BENJAMIN], deleted: [BEN] });
    const r = await resolveSubject('ben.carter@contoso.com', dir);
    expect(kindOf(r)).toBe('found:deletedPerson');
    expect(calls).not.toContain('findServicePrincipals');
  });

  it('a deleted account by object id, after the live lookup misses', async () => {
    const { dir, calls } = directory({ deleted: [BEN] });
    expect(kindOf(await resolveSubject(BEN.id, dir))).toBe('found:deletedPerson');
    expect(calls).toEqual(['getUser', 'getServicePrincipalByAppId', 'getDeletedUser']);
  });

  it('nobody anywhere: suggestions of people come only now', async () => {
    const { dir, calls } = directory({ people: [BENJAMIN] });
    const r = await resolveSubject('Benjamn Carterson', dir);
    expect(r.kind === 'not-found' && r.suggestions.map((u) => u.displayName)).toEqual(['Benjamin Carterson']);
    expect(calls.indexOf('findDeletedUsers')).toBeLessThan(calls.lastIndexOf('findUsers:b'));
  });

  it('without Application.Read.All the lookup goes on, and says where it could not look', async () => {
    const { dir } = directory({ deleted: [BEN], appsForbidden: true });
    expect(kindOf(await resolveSubject('Ben Carter', dir))).toBe('found:deletedPerson');
    const r = await resolveSubject('Nobody Here', directory({ appsForbidden: true }).dir);
    expect(r.kind === 'not-found' && r.unsearched).toEqual(["I couldn't look among applications: The bot lacks Application.Read.All."]);
  });
});
