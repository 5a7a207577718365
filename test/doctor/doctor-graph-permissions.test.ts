import { checkOf, DEMO_APP_ID, demoApp, doctorOn, healthyContoso, notPassing } from './helpers';

/** Doctor against Contoso where the demo app's Graph permissions are changed before any token is issued. */
const doctorWithPermissions = (change: (granted: string[]) => string[]) =>
  doctorOn({ fixture: healthyContoso((f) => void (demoApp(f).graphPermissions = change(demoApp(f).graphPermissions))) });

describe('doctor: Microsoft Graph application permissions, proven against the simulated Graph', () => {
  it.each([
    ['User.Read.All', 'GET /users'],
    ['LicenseAssignment.Read.All', 'GET /subscribedSkus'],
    ['RoleManagement.Read.Directory', 'GET /directoryRoles'],
    ['Application.Read.All', 'GET /servicePrincipals'],
  ])('when %s is not granted, then its check fails on the 403 of %s and names the permission to grant', async (permission, call) => {
    // The ReadWrite permission includes the read one (Contoso grants LicenseAssignment.ReadWrite.All for licence fixes).
    const { code, report } = await doctorWithPermissions((granted) => granted.filter((p) => p !== permission && p !== permission.replace('.Read.', '.ReadWrite.')));
    expect(code).toBe(1);
    expect(checkOf(report, `graph.${permission}`)).toEqual({
      id: `graph.${permission}`,
      status: 'fail',
      title: `Graph permission ${permission}`,
      detail: expect.stringContaining(`Missing: ${call} answered 403 Authorization_RequestDenied.`) as string,
      fix: expect.stringContaining(`Grant the Microsoft Graph application permission ${permission} to app ${DEMO_APP_ID} with admin consent`) as string,
    });
    expect(checkOf(report, `graph.${permission}`).fix).toContain(`Application permissions → ${permission}, then Grant admin consent`);
    const writeToo = `graph.${permission.replace('.Read.', '.ReadWrite.')}`;
    expect(notPassing(report, `graph.${permission}`, 'data-source', writeToo)).toEqual([]);
  });

  it('when neither GroupMember.Read.All nor GroupMember.ReadWrite.All (which includes it) is granted, then its check fails and the role groups are not checked', async () => {
    const { report } = await doctorWithPermissions((granted) => granted.filter((p) => !p.startsWith('GroupMember.')));
    expect(checkOf(report, 'graph.GroupMember.Read.All')).toMatchObject({ status: 'fail', detail: expect.stringContaining('GET /groups answered 403 Authorization_RequestDenied') });
    for (const id of ['group.admins', 'group.helpdesk']) {
      expect(checkOf(report, id)).toMatchObject({ status: 'warn', detail: 'Not checked: the bot cannot read groups (see Graph permission GroupMember.Read.All).' });
    }
  });

  it('when GroupMember.ReadWrite.All is not in the token\'s roles, then doctor warns (it never writes to prove it) and names the permission', async () => {
    const { code, report } = await doctorWithPermissions((granted) => granted.filter((p) => p !== 'GroupMember.ReadWrite.All'));
    expect(code).toBe(0);
    expect(checkOf(report, 'graph.GroupMember.ReadWrite.All')).toMatchObject({
      status: 'warn',
      detail: 'Not granted (from the token\'s roles): the "Add to security group" fix, "remove <person> from <environment>" and adding someone to a licensing group will be refused. Only those changes need it.',
      fix: expect.stringContaining('Grant the Microsoft Graph application permission GroupMember.ReadWrite.All'),
    });
  });

  it('when LicenseAssignment.ReadWrite.All is not in the token\'s roles, then doctor warns that assigning licences will be refused and names it', async () => {
    const { code, report } = await doctorWithPermissions((granted) => granted.filter((p) => p !== 'LicenseAssignment.ReadWrite.All'));
    expect(code).toBe(0);
    expect(checkOf(report, 'graph.LicenseAssignment.ReadWrite.All')).toMatchObject({
      status: 'warn',
      detail: 'Not granted (from the token\'s roles): assigning a licence directly ("licence for <person>") will be refused. Only those changes need it.',
      fix: expect.stringContaining('Grant the Microsoft Graph application permission LicenseAssignment.ReadWrite.All'),
    });
    const granted = await doctorWithPermissions((all) => all);
    expect(checkOf(granted.report, 'graph.LicenseAssignment.ReadWrite.All')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/^Granted \(from the token's roles\): assigning a licence directly/) });
  });

  it('when it is granted, then the check says so from the token\'s roles, and group reads pass through it', async () => {
    const { report } = await doctorWithPermissions((granted) => granted.filter((p) => p !== 'GroupMember.Read.All'));
    expect(checkOf(report, 'graph.GroupMember.ReadWrite.All')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/^Granted \(from the token's roles\)/) });
    // ReadWrite includes Read: Graph answers GET /groups through it.
    expect(checkOf(report, 'graph.GroupMember.Read.All').status).toBe('pass');
  });

  it('when the app also holds Directory.Read.All, then the reads pass through it and doctor warns that the bot does not use it', async () => {
    const { report } = await doctorWithPermissions(() => ['Directory.Read.All', 'GroupMember.ReadWrite.All']);
    for (const permission of ['User.Read.All', 'GroupMember.Read.All', 'LicenseAssignment.Read.All', 'RoleManagement.Read.Directory', 'Application.Read.All']) {
      expect(checkOf(report, `graph.${permission}`).status).toBe('pass');
    }
    expect(checkOf(report, 'graph.broader')).toMatchObject({
      status: 'warn',
      detail: "The token's roles also hold Directory.Read.All, which the bot does not use.",
      fix: expect.stringContaining(`Remove Directory.Read.All from app ${DEMO_APP_ID}`),
    });
  });
});
