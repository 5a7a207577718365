import { authorizeCaller, createRoleResolver } from '../../src/security/roles';
import { startHarness, type Harness } from '../gateways/helpers/sim-gateways';

// Contoso demo tenant personas (src/sim/tenants/contoso.json).
const ADMINS = '3fc70eb1-bd09-4c36-86ab-5e37dbf5c1ac';
const HELPDESK = '07dec014-5dd0-4de1-b76a-7131631d8fb5';
const NADIA = 'd659a488-07e2-473b-ba03-cab544e94467';
const LIAM = 'a567fc7c-67cc-4449-b011-e98e61553d63';
const JANE = '1bc176ac-113e-4105-a8d2-93516aa828e1';
const FOREIGN = '0f0f0f0f-1111-4222-8333-444444444444';

describe('roles against the simulated Contoso tenant, through the real Graph gateway', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  const resolver = () => createRoleResolver(harness.gateways.graph, { adminsGroupId: ADMINS, helpdeskGroupId: HELPDESK, cacheSeconds: 60 }, () => 0);

  it('finds the admin, the helpdesk user and the plain user from their group memberships', async () => {
    const roles = resolver();
    expect(await roles.roleOf(NADIA)).toBe('admin');
    expect(await roles.roleOf(LIAM)).toBe('helpdesk');
    expect(await roles.roleOf(JANE)).toBe('none');
  });

  it('gives an object id from another tenant no role, without a Graph error', async () => {
    expect(await resolver().roleOf(FOREIGN)).toBe('none');
  });

  it('names the real admins group in refusals, and caches so a second check costs no Graph request', async () => {
    const roles = resolver();
    await expect(authorizeCaller({ aadObjectId: LIAM, name: 'Liam Chen' }, 'admin', roles)).rejects.toMatchObject({
      code: 'auth.forbidden',
      userMessage: expect.stringContaining('Ask a member of Dataverse Access Bot Admins'),
    });
    const before = harness.sim.stats().requests.graph;
    await expect(authorizeCaller({ aadObjectId: LIAM, name: 'Liam Chen' }, 'admin', roles)).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(harness.sim.stats().requests.graph).toBe(before);
  });
});
