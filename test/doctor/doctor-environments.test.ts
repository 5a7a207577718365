import type { DeepPartial } from '../../src/sim/server';
import type { SimConfig } from '../../src/sim/types';
import type { TenantFixture } from '../../src/sim/model';
import { appUserIn, checkOf, contoso, DEMO_APP_ID, doctorOn, environmentNamed, healthyContoso, notPassing } from './helpers';

const FINANCE_REPORTING = '6f58d8f5-a1e2-48b6-923a-9e58d1df8dcb';
const CONTOSO_TRIAL = '5ee320a6-738c-4d88-939e-eec374fc8639';
const ASSIGN = (environmentId: string) => `pac admin assign-user --environment ${environmentId} --user ${DEMO_APP_ID} --role "Access Bot Reader" --application-user`;

const doctorOnTenant = (fixture: TenantFixture, simConfig?: DeepPartial<SimConfig>) => doctorOn({ fixture, simConfig });

describe('doctor: Power Platform registration and each environment\'s application user', () => {
  it('when the app is not a Power Platform management application, then BAP\'s 403 fails the check with the pac and PowerShell registration, and Dataverse waits for it', async () => {
    const { report } = await doctorOnTenant(healthyContoso((f) => f.apps.forEach((a) => (a.managementApp = false))));
    expect(checkOf(report, 'power-platform')).toEqual({
      id: 'power-platform',
      status: 'fail',
      title: 'Power Platform management application',
      detail: `The environment list answered 403: app ${DEMO_APP_ID} is not registered as a Power Platform management application.`,
      fix: expect.stringContaining(`pac admin application register --application-id ${DEMO_APP_ID}`) as string,
    });
    expect(checkOf(report, 'power-platform').fix).toContain(`New-PowerAppManagementApp -ApplicationId ${DEMO_APP_ID}`);
    for (const id of ['token.dataverse', 'dataverse']) expect(checkOf(report, id)).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^Not checked: the environment list is needed first/) });
    expect(notPassing(report, 'power-platform', 'token.dataverse', 'dataverse', 'data-source')).toEqual([]);
  });

  it('when one environment has no application user (403 0x80072560) and another one\'s has no role (403 0x80040220), then one check lists both with the one fix that covers them', async () => {
    const fixture = contoso((f) => void (appUserIn(environmentNamed(f, 'Contoso Trial')).roleIds = []));
    const { code, report } = await doctorOnTenant(fixture);
    expect(code).toBe(1);
    const check = checkOf(report, 'dataverse');
    expect(check.status).toBe('fail');
    expect(check.detail).toBe(
      'The application user can read users, teams, security roles and business units in 8 of 10 environments with Dataverse (1 without Dataverse not checked). ' +
        `No enabled application user for app ${DEMO_APP_ID} in: Finance Reporting. ` +
        'Its role cannot read: Contoso Trial (users (prvReadUser), teams (prvReadTeam), security roles (prvReadRole), business units (prvReadBusinessUnit)).',
    );
    expect(check.fix?.split('\n')).toEqual([
      'Add the app as an application user with the role "Access Bot Reader" (Organization-level Read on User, Team, Security Role and Business Unit; docs/deploy.md step 4) in: Contoso Trial, Finance Reporting. In the Power Platform admin center: the environment → Settings → Users + permissions → Application users, or run:',
      ASSIGN(CONTOSO_TRIAL),
      ASSIGN(FINANCE_REPORTING),
    ]);
  });

  it('when the application user is disabled, then the environment is listed as having no enabled application user', async () => {
    const { report } = await doctorOnTenant(healthyContoso((f) => void (appUserIn(environmentNamed(f, 'UAT')).isDisabled = true)));
    expect(checkOf(report, 'dataverse')).toMatchObject({ status: 'fail', detail: expect.stringContaining(`No enabled application user for app ${DEMO_APP_ID} in: UAT.`) });
    expect(checkOf(report, 'dataverse').fix).toContain(ASSIGN('ceb11b53-d685-4c77-9a64-37b481898617'));
  });

  it('when Dataverse answers 503 everywhere, then the environments are listed as not checked (a warning, not a failure)', async () => {
    const { code, report } = await doctorOnTenant(healthyContoso(), { dataverse: { random503Rate: 1 } });
    expect(code).toBe(0);
    const check = checkOf(report, 'dataverse');
    expect(check).toMatchObject({ status: 'warn', fix: 'Run doctor again in a minute.' });
    expect(check.detail).toContain('in 0 of 10 environments');
    expect(check.detail).toContain('Could not check: Alex Kim (dev) (WhoAmI answered HTTP 503 (0x80040216));');
  });
});
