import type { RunningSimulator } from '../../src/sim/server';
import {
  REPORTING_APP, addUserUrl, bapToken, call, environment, innerSyncResult, startContoso, systemUserOf, userId,
} from './bap-dataverse-client';
import { ManualClock } from './helpers';

const DELAY_MS = 200;

describe('BAP addUser (over HTTP)', () => {
  let sim: RunningSimulator;
  let token: string;
  /** Provisioning (scheduled work) runs only when the test says the delay has passed: no race with a loaded machine. */
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock();
    sim = await startContoso({ clock, config: { provisioningDelayMs: DELAY_MS } });
    token = await bapToken(sim);
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.reset();
    sim.setConfig({ provisioningDelayMs: DELAY_MS });
  });

  const addUser = (envName: string, body: unknown, bearer = token) => call(addUserUrl(sim, environment(sim, envName).id), bearer, { method: 'POST', body });

  /** The provisioning delay passes: every pending provisioning runs (a cancelled one does not). */
  const delayPasses = (): number => clock.runScheduled();

  it('when a licensed member is added, then 200 with an empty body and the row appears only after the provisioning delay', async () => {
    const hannah = userId(sim, 'hannah.weber@contoso.com');
    const reply = await addUser('UAT', { ObjectId: hannah });
    expect(reply.status).toBe(200);
    expect(reply.body).toBeUndefined();
    expect(systemUserOf(sim, 'UAT', hannah)).toHaveLength(0);
    expect(clock.scheduled.at(-1)).toMatchObject({ delayMs: DELAY_MS, state: 'pending' });
    expect(delayPasses()).toBe(1);
    expect(systemUserOf(sim, 'UAT', hannah)).toHaveLength(1);
    const root = environment(sim, 'UAT').dataverse?.businessUnits.find((bu) => bu.parentId === null);
    expect(systemUserOf(sim, 'UAT', hannah)[0]).toMatchObject({
      domainName: 'hannah.weber@contoso.com', fullName: 'Hannah Weber', accessMode: 0, isLicensed: true, isDisabled: false, azureState: 0, businessUnitId: root?.id, roleIds: [],
    });
  });

  it('when the body uses Terraform casing (objectId), then it works the same', async () => {
    const zoe = userId(sim, 'jose.nunez@contoso.com');
    expect((await addUser('UAT', { objectId: zoe })).status).toBe(200);
  });

  it.each([
    ['no body', undefined],
    ['an empty object', {}],
    ['another property', { userId: '9703a340-5f7e-4234-8145-e5942b4e1132' }],
    ['a UPN instead of an object id', { ObjectId: 'jose.nunez@contoso.com' }],
    ['both casings at once', { ObjectId: '9703a340-5f7e-4234-8145-e5942b4e1132', objectId: '9703a340-5f7e-4234-8145-e5942b4e1132' }],
    ['an array', ['9703a340-5f7e-4234-8145-e5942b4e1132']],
  ])('when the body has %s, then 400 and nothing is provisioned', async (_label, body) => {
    sim.setConfig({ provisioningDelayMs: 0 });
    const before = environment(sim, 'UAT').dataverse?.systemUsers.length;
    const reply = await addUser('UAT', body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'InvalidRequestContent', message: expect.stringContaining('ObjectId') } });
    expect(delayPasses()).toBe(0);
    expect(environment(sim, 'UAT').dataverse?.systemUsers.length).toBe(before);
  });

  it('when the caller is not a management app, then 403 before any check', async () => {
    const other = await bapToken(sim, REPORTING_APP);
    const reply = await addUser('UAT', { ObjectId: userId(sim, 'hannah.weber@contoso.com') }, other);
    expect(reply.status).toBe(403);
    expect((reply.body as { error: { message: string } }).error.message).toContain('does not have permission to access the path');
  });

  it('when the environment does not exist, then 404 with the wrapped not-found text', async () => {
    const reply = await call(addUserUrl(sim, '00000000-1111-2222-3333-444444444444'), token, { method: 'POST', body: { ObjectId: userId(sim, 'hannah.weber@contoso.com') } });
    expect(reply.status).toBe(404);
    expect((reply.body as { error: { message: string } }).error.message).toContain("could not be found in the tenant");
  });

  it('when the user is not in the security group, then 400 with the wrapper, userNotPartOfSecurityGroup and the passed steps', async () => {
    const jane = userId(sim, 'jane.doe@contoso.com');
    const uat = environment(sim, 'UAT');
    const reply = await addUser('UAT', { ObjectId: jane });
    expect(reply.status).toBe(400);
    expect((reply.body as { error: { code: string } }).error.code).toBe('BadRequest');
    const inner = innerSyncResult(reply.body);
    expect(inner.errors).toEqual([
      { Subject: 'Result', Description: `User ${jane} is not part of security group ${uat.dataverse?.securityGroupId}`, Code: 'userNotPartOfSecurityGroup' },
      { Subject: 'InnerException', Description: null, Code: null },
      { Subject: 'AdditionalData', Description: null, Code: null },
    ]);
    expect(JSON.parse(inner.information[0]?.Description ?? '[]')).toEqual([
      'SyncMode: Default',
      `Instance ${uat.id} exists`,
      `Instance ${uat.id} in enabled state`,
      `Instance Url found ${sim.origin}/dataverse/contosouat`,
      'User found in AD tenant',
      'User in enabled state in AD tenant',
    ]);
  });

  it('when the object id is nobody in Entra, then 400 userNotFoundInAAD (invented code)', async () => {
    const reply = await addUser('UAT', { ObjectId: '12345678-1234-4234-8234-123456789012' });
    expect(reply.status).toBe(400);
    expect(innerSyncResult(reply.body).errors[0]?.Code).toBe('userNotFoundInAAD');
  });

  it('when the environment has no Dataverse, then 400 instanceNotFound, or 404 when the knob says so', async () => {
    const hannah = userId(sim, 'hannah.weber@contoso.com');
    const reply = await addUser('Marketing Sites', { ObjectId: hannah });
    expect(reply.status).toBe(400);
    expect(innerSyncResult(reply.body).errors[0]?.Code).toBe('instanceNotFound');
    sim.setConfig({ unverified: { noDataverseStatus: 404 } });
    try {
      expect((await addUser('Marketing Sites', { ObjectId: hannah })).status).toBe(404);
    } finally {
      sim.setConfig({ unverified: { noDataverseStatus: 400 } });
    }
  });

  it('when added twice, then both calls succeed, the second reports UserExists and there is still one row', async () => {
    sim.setConfig({ unverified: { addUserSuccessBody: 'information' } });
    try {
      const hannah = userId(sim, 'hannah.weber@contoso.com');
      const first = await addUser('UAT', { ObjectId: hannah });
      expect(first.status).toBe(200);
      expect((first.body as { errors: unknown[] }).errors).toEqual([]);
      delayPasses();
      expect(systemUserOf(sim, 'UAT', hannah)).toHaveLength(1);
      const second = await addUser('UAT', { ObjectId: hannah });
      expect(second.status).toBe(200);
      const information = (second.body as { information: { Description: string; Code: string }[] }).information[0];
      expect(information?.Code).toBe('UserExists');
      const row = systemUserOf(sim, 'UAT', hannah)[0];
      expect(JSON.parse(information?.Description ?? '[]')).toContain(`SystemUser with Id:${row?.systemUserId}, objectId:${hannah} exists in instance`);
      delayPasses();
      expect(systemUserOf(sim, 'UAT', hannah)).toHaveLength(1);
    } finally {
      sim.setConfig({ unverified: { addUserSuccessBody: 'empty' } });
    }
  });

  it('when a disabled Dataverse user is now entitled, then addUser re-enables the same row after the delay', async () => {
    const chris = userId(sim, 'chris.doyle@contoso.com');
    const [before] = systemUserOf(sim, 'UAT', chris);
    expect(before).toMatchObject({ isDisabled: true });
    expect((await addUser('UAT', { ObjectId: chris })).status).toBe(200);
    expect(systemUserOf(sim, 'UAT', chris)[0]?.isDisabled).toBe(true);
    expect(delayPasses()).toBe(1);
    expect(systemUserOf(sim, 'UAT', chris)).toEqual([expect.objectContaining({ systemUserId: before?.systemUserId, disabledReason: null, roleIds: before?.roleIds })]);
  });

  it('when a Financial Coordinator is provisioned, then the group team lists them only once the row exists', async () => {
    const avery = userId(sim, 'avery.brooks@contoso.com');
    const team = () => environment(sim, 'UAT').dataverse?.teams.find((t) => t.name === 'Financial Coordinator Team');
    expect(team()?.memberIds).toEqual([]);
    expect((await addUser('UAT', { ObjectId: avery })).status).toBe(200);
    expect(team()?.memberIds).toEqual([]);
    expect(delayPasses()).toBe(1);
    expect(systemUserOf(sim, 'UAT', avery)).toHaveLength(1);
    expect(team()?.memberIds).toEqual([systemUserOf(sim, 'UAT', avery)[0]?.systemUserId]);
    const membersOnly = environment(sim, 'UAT').dataverse?.teams.find((t) => t.name === 'Finance Department Team');
    expect(membersOnly?.memberIds).toHaveLength(3);
  });

  it('when an unlicensed Power Platform admin outside the group is added, then the row has Administrative access and is unlicensed', async () => {
    const omar = userId(sim, 'omar.farouk@contoso.com');
    expect((await addUser('UAT', { ObjectId: omar })).status).toBe(200);
    expect(delayPasses()).toBe(1);
    expect(systemUserOf(sim, 'UAT', omar)[0]).toMatchObject({ accessMode: 1, isLicensed: false });
  });

  it('when the environment is in administration mode, then adds succeed unless adminModeBlocksAddUser is on', async () => {
    const jose = userId(sim, 'jose.nunez@contoso.com');
    expect((await addUser('Staging (maintenance)', { ObjectId: jose })).status).toBe(200);
    sim.setConfig({ unverified: { adminModeBlocksAddUser: true } });
    try {
      const reply = await addUser('Staging (maintenance)', { ObjectId: jose });
      expect(reply.status).toBe(400);
      expect(innerSyncResult(reply.body).errors[0]).toMatchObject({ Code: 'instanceNotEnabled', Description: expect.stringContaining('AdminMode') });
    } finally {
      sim.setConfig({ unverified: { adminModeBlocksAddUser: false } });
    }
  });

  it("when someone else is added to Alex Kim's Developer environment, then 400 userNotEnvironmentCreator unless developerCreatorOnly is off", async () => {
    const jane = userId(sim, 'jane.doe@contoso.com');
    const refused = await addUser('Alex Kim (dev)', { ObjectId: jane });
    expect(refused.status).toBe(400);
    expect(innerSyncResult(refused.body).errors[0]).toMatchObject({ Code: 'userNotEnvironmentCreator' });
    expect((await addUser('Alex Kim (dev)', { ObjectId: userId(sim, 'alex.kim@contoso.com') })).status).toBe(200);
    sim.setConfig({ unverified: { developerCreatorOnly: false } });
    try {
      expect((await addUser('Alex Kim (dev)', { ObjectId: jane })).status).toBe(200);
    } finally {
      sim.setConfig({ unverified: { developerCreatorOnly: true } });
    }
  });

  it('when a knob is set to a non-boolean, then the whole config change is refused', () => {
    expect(() => sim.setConfig({ unverified: { developerCreatorOnly: 'yes' as unknown as boolean } })).toThrow(/developerCreatorOnly: must be a boolean/);
    expect(() => sim.setConfig({ unverified: { groupTeamNestedMembershipCounts: 1 as unknown as boolean } })).toThrow(/groupTeamNestedMembershipCounts: must be a boolean/);
  });

  it('when the simulator is reset before the delay ends, then the pending provisioning is cancelled', async () => {
    const jose = userId(sim, 'jose.nunez@contoso.com');
    expect((await addUser('UAT', { ObjectId: jose })).status).toBe(200);
    sim.reset();
    expect(delayPasses()).toBe(0);
    expect(systemUserOf(sim, 'UAT', jose)).toHaveLength(0);
  });
});
