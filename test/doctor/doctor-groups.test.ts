import type { Config } from '../../src/config';
import type { TenantFixture } from '../../src/sim/model';
import { checkOf, doctorOn, healthyContoso, notPassing } from './helpers';

const ADMINS = '3fc70eb1-bd09-4c36-86ab-5e37dbf5c1ac';
const HELPDESK = '07dec014-5dd0-4de1-b76a-7131631d8fb5';
const FINANCE_DEPARTMENT = '55f4c318-cefe-4d0a-b9db-be780fe6b0e6';

const doctorWith = (options: { fixture?: TenantFixture; env?: Record<string, string>; roles?: Config['roles'] }) =>
  doctorOn({ fixture: options.fixture ?? healthyContoso(), env: options.env, configOverrides: options.roles ? { roles: options.roles } : undefined });

describe('doctor: the admins and helpdesk groups (ADMINS_GROUP_ID, HELPDESK_GROUP_ID)', () => {
  it('when ADMINS_GROUP_ID names no group, then it fails: nobody is an admin, and the fix says where the object id is', async () => {
    const { code, report } = await doctorWith({ env: { ADMINS_GROUP_ID: '0b1e55ed-0000-4000-8000-000000000000' } });
    expect(code).toBe(1);
    expect(checkOf(report, 'group.admins')).toEqual({
      id: 'group.admins',
      status: 'fail',
      title: 'Admins group (ADMINS_GROUP_ID)',
      detail: 'No group has the object id 0b1e55ed-0000-4000-8000-000000000000: nobody may sync, apply fixes, set up notifications, read the audit trail and run doctor.',
      fix: 'Set ADMINS_GROUP_ID to the object id of an existing Entra security group (Entra admin center → Groups → the group → Object ID).',
    });
    expect(notPassing(report, 'group.admins', 'data-source')).toEqual([]);
  });

  it('when HELPDESK_GROUP_ID is a Microsoft 365 group, then it warns that it is not a security group', async () => {
    const { report } = await doctorWith({ env: { HELPDESK_GROUP_ID: FINANCE_DEPARTMENT } });
    expect(checkOf(report, 'group.helpdesk')).toMatchObject({
      status: 'warn',
      detail: 'Finance Department is a Microsoft 365 group, not a security group: its owners can add members without an Entra admin.',
      fix: expect.stringContaining('Group type: Security'),
    });
  });

  it('when the helpdesk group has no members, then it warns that nobody has that role', async () => {
    const fixture = healthyContoso((f) => void (f.groups.find((g) => g.id === HELPDESK)!.members = []));
    const { code, report } = await doctorWith({ fixture });
    expect(code).toBe(0);
    expect(checkOf(report, 'group.helpdesk')).toMatchObject({
      status: 'warn',
      detail: 'Dataverse Access Bot Helpdesk has no members: nobody may check why someone cannot get in, and read the sync history.',
      fix: expect.stringContaining('Groups → Dataverse Access Bot Helpdesk → Members → Add members'),
    });
    expect(checkOf(report, 'group.admins').status).toBe('pass');
  });

  it('when HELPDESK_GROUP_ID is not set, then it warns and says which setting to set', async () => {
    const { report } = await doctorWith({ roles: { adminsGroupId: ADMINS, helpdeskGroupId: null } });
    expect(checkOf(report, 'group.helpdesk')).toMatchObject({ status: 'warn', detail: 'Not set: nobody may check why someone cannot get in, and read the sync history.', fix: expect.stringMatching(/^Set HELPDESK_GROUP_ID to the object id/) });
  });
});
