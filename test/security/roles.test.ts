import { AppError } from '../../src/errors';
import type { DirectoryGroup, DirectoryUser } from '../../src/gateways/types';
import { authorizeCaller, createRoleResolver, NO_IDENTITY_MESSAGE } from '../../src/security/roles';

const ADMINS = 'a0000000-0000-0000-0000-000000000001';
const HELPDESK = 'a0000000-0000-0000-0000-000000000002';
const OTHER = 'a0000000-0000-0000-0000-000000000003';

const ADA = 'b0000000-0000-0000-0000-00000000000a';
const HAL = 'b0000000-0000-0000-0000-00000000000b';
const BOTH = 'b0000000-0000-0000-0000-00000000000c';
const PAT = 'b0000000-0000-0000-0000-00000000000d';
const STRANGER = 'b0000000-0000-0000-0000-00000000000e';

const people: Record<string, string[]> = {
  [ADA]: [OTHER, ADMINS.toUpperCase()],
  [HAL]: [HELPDESK],
  [BOTH]: [HELPDESK, ADMINS],
  [PAT]: [OTHER],
};

function fakeGraph() {
  const calls: string[] = [];
  const graph = {
    calls,
    failNext: false,
    async getTransitiveGroupIds(userId: string) {
      calls.push(userId);
      if (graph.failNext) {
        graph.failNext = false;
        throw new AppError('graph.failed', 'Microsoft Graph is not answering.');
      }
      const groups = people[userId];
      // Like the real gateway: Graph's 404 arrives as a generic graph.failed.
      if (!groups) throw new AppError('graph.failed', 'Microsoft Graph refused the request (HTTP 404).');
      return groups;
    },
    async getUser(id: string): Promise<DirectoryUser | null> {
      return people[id] ? ({ id } as DirectoryUser) : null;
    },
    async getGroup(id: string): Promise<DirectoryGroup | null> {
      const names: Record<string, string> = { [ADMINS]: 'Dataverse Access Bot Admins', [HELPDESK]: 'Dataverse Access Bot Helpdesk' };
      const displayName = names[id];
      return displayName ? { id, displayName, securityEnabled: true, mailEnabled: false, groupTypes: [] } : null;
    },
  };
  return graph;
}

function setup(cacheSeconds = 60) {
  let clock = 1_000_000;
  const graph = fakeGraph();
  const roles = createRoleResolver(graph, { adminsGroupId: ADMINS, helpdeskGroupId: HELPDESK, cacheSeconds }, () => clock);
  return { graph, roles, advance: (ms: number) => (clock += ms) };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('roles from transitive group membership', () => {
  it('gives admin to members of the admins group (ids compared in any case), helpdesk to the helpdesk group, none to others', async () => {
    const { roles } = setup();
    expect(await roles.roleOf(ADA)).toBe('admin');
    expect(await roles.roleOf(BOTH)).toBe('admin');
    expect(await roles.roleOf(HAL)).toBe('helpdesk');
    expect(await roles.roleOf(PAT)).toBe('none');
  });

  it('treats an id that is not a user of the tenant, or not an object id at all, as having no role', async () => {
    const { roles } = setup();
    expect(await roles.roleOf(STRANGER)).toBe('none');
    expect(await roles.roleOf("' or 1 eq 1")).toBe('none');
  });

  it('asks Graph once per person within the cache time, and again after it', async () => {
    const { roles, graph, advance } = setup(60);
    await roles.roleOf(ADA);
    await roles.roleOf(ADA.toUpperCase());
    advance(59_000);
    await roles.roleOf(ADA);
    expect(graph.calls).toHaveLength(1);
    advance(2_000);
    await roles.roleOf(ADA);
    expect(graph.calls).toHaveLength(2);
  });

  it('does not remember a failed Graph call as an answer', async () => {
    const { roles, graph } = setup();
    graph.failNext = true;
    await expect(roles.roleOf(ADA)).rejects.toMatchObject({ code: 'graph.failed' });
    expect(await roles.roleOf(ADA)).toBe('admin');
  });

  it('gives nobody a role when the groups are not configured, and says so', async () => {
    const graph = fakeGraph();
    const roles = createRoleResolver(graph, { adminsGroupId: null, helpdeskGroupId: null, cacheSeconds: 60 }, () => 0);
    expect(await roles.roleOf(ADA)).toBe('none');
    const error = await refusal(authorizeCaller({ aadObjectId: ADA, name: 'Ada' }, 'admin', roles));
    expect(error.userMessage).toContain('ADMINS_GROUP_ID');
  });
});

describe('authorizeCaller', () => {
  it('lets anyone run "anyone" routes without asking Graph, even without an Entra id', async () => {
    const { roles, graph } = setup();
    await expect(authorizeCaller({ name: 'Nobody' }, 'anyone', roles)).resolves.toBeNull();
    expect(graph.calls).toHaveLength(0);
  });

  it('refuses a caller without aadObjectId with a message that explains why', async () => {
    const { roles, graph } = setup();
    const error = await refusal(authorizeCaller({ name: 'Web chat' }, 'helpdesk', roles));
    expect(error.code).toBe('auth.forbidden');
    expect(error.userMessage).toBe(NO_IDENTITY_MESSAGE);
    expect(graph.calls).toHaveLength(0);
  });

  it('refuses a helpdesk user an admin route and names the admins group', async () => {
    const { roles } = setup();
    const error = await refusal(authorizeCaller({ aadObjectId: HAL, name: 'Hal' }, 'admin', roles));
    expect(error.code).toBe('auth.forbidden');
    expect(error.userMessage).toMatch(/Only members of Dataverse Access Bot Admins can do this/);
    expect(error.userMessage).toMatch(/Ask a member of Dataverse Access Bot Admins/);
  });

  it('refuses a plain user a helpdesk route and says which groups to ask for', async () => {
    const { roles } = setup();
    const error = await refusal(authorizeCaller({ aadObjectId: PAT, name: 'Pat' }, 'helpdesk', roles));
    expect(error.userMessage).toMatch(/not allowed to use this bot/);
    expect(error.userMessage).toContain('Dataverse Access Bot Helpdesk');
    expect(error.userMessage).toContain('Ask a member of Dataverse Access Bot Admins');
  });

  it('lets helpdesk users run helpdesk routes and admins run everything', async () => {
    const { roles } = setup();
    await expect(authorizeCaller({ aadObjectId: HAL, name: 'Hal' }, 'helpdesk', roles)).resolves.toBe('helpdesk');
    await expect(authorizeCaller({ aadObjectId: ADA, name: 'Ada' }, 'helpdesk', roles)).resolves.toBe('admin');
    await expect(authorizeCaller({ aadObjectId: ADA, name: 'Ada' }, 'admin', roles)).resolves.toBe('admin');
  });
});
