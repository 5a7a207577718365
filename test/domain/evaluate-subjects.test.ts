import { evaluateAccess } from '../../src/domain/access/evaluate';
import { evaluateApplication, type ApplicationFacts } from '../../src/domain/access/evaluate-application';
import { evaluateDeletedPerson, restoreWindow, type DeletedPersonFacts } from '../../src/domain/access/evaluate-deleted';
import type { CheckId, Diagnosis } from '../../src/domain/access/diagnosis';
import type { SubscribedSku } from '../../src/gateways/types';
import { BASIC_USER, environment, facts, SKU, systemUser, TENANT_SKUS, user } from './access-fixtures';

const DAY = 86_400_000;
const byId = (d: Diagnosis, id: CheckId) => d.checks.find((c) => c.id === id);

/** Power Apps Premium as Microsoft's licensing CSV lists it: the Dataverse plan and the app-level plan (§5.2). */
const PREMIUM: SubscribedSku = {
  ...SKU.premium,
  servicePlans: [
    { servicePlanId: '6ea4c1ef-c259-46df-bce2-943342cd3cb2', servicePlanName: 'DYN365_CDS_P2', provisioningStatus: 'Success' },
    { servicePlanId: 'ea2cf03b-ac60-46ae-9c1d-eeaeb63cec86', servicePlanName: 'POWERAPPS_PER_USER', provisioningStatus: 'Success' },
  ],
};
const SKUS = [PREMIUM, ...TENANT_SKUS.filter((s) => s.skuId !== PREMIUM.skuId)];
const CDS_P2 = '6ea4c1ef-c259-46df-bce2-943342cd3cb2';

describe('licence counted only through an app-level plan (§5.2: no published allow-list)', () => {
  it('Power Apps Premium with DYN365_CDS_P2 turned off: warns, names the plan, and says Microsoft publishes no exact list', () => {
    const d = evaluateAccess(facts({ skus: SKUS, user: user({ assignedLicenses: [{ skuId: PREMIUM.skuId, disabledPlans: [CDS_P2] }] }) }));
    const licence = byId(d, 'license');
    expect(licence?.status).toBe('warn');
    expect(licence?.detail).toContain('only through its app plan POWERAPPS_PER_USER');
    expect(licence?.detail).toContain('DYN365_CDS_P2 is turned off');
    expect(licence?.detail).toContain('Microsoft publishes no exact list');
    expect(licence?.fix?.text).toContain('Turn DYN365_CDS_P2 back on');
    expect(d.verdict).toBe('at-risk');
  });

  it('the same licence with its Dataverse plan on: passes, naming the Dataverse plan', () => {
    const d = evaluateAccess(facts({ skus: SKUS, user: user({ assignedLicenses: [{ skuId: PREMIUM.skuId, disabledPlans: [] }] }) }));
    expect(byId(d, 'license')).toMatchObject({ status: 'pass', detail: 'Power Apps Premium (DYN365_CDS_P2) gives Jane full Dataverse access.' });
  });

  it('another licence with an enabled premium Dataverse plan wins: no warning', () => {
    const licences = [{ skuId: PREMIUM.skuId, disabledPlans: [CDS_P2] }, { skuId: SKU.sales.skuId, disabledPlans: [] }];
    const d = evaluateAccess(facts({ skus: [...SKUS, { ...SKU.sales, servicePlans: [...SKU.sales.servicePlans, { servicePlanId: '1315ade1-0410-450d-b8e3-8050e6da320f', servicePlanName: 'DYN365_CDS_GUIDES', provisioningStatus: 'Success' }] }], user: user({ assignedLicenses: licences }) }));
    expect(byId(d, 'license')?.status).toBe('pass');
  });

  it('an app-level plan with no Dataverse plan in its SKU at all (Dynamics 365 Sales) still passes', () => {
    const d = evaluateAccess(facts({ user: user({ assignedLicenses: [{ skuId: SKU.sales.skuId, disabledPlans: [] }] }) }));
    expect(byId(d, 'license')?.status).toBe('pass');
  });

  it('the warning is not the "on demand only" one: a person not yet provisioned is not told the licence counts only on demand', () => {
    const d = evaluateAccess(facts({ skus: SKUS, systemUser: null, user: user({ assignedLicenses: [{ skuId: PREMIUM.skuId, disabledPlans: [CDS_P2] }] }) }));
    expect(byId(d, 'dataverse-user')?.detail).not.toContain('counts only on demand');
  });
});

function deleted(overrides: Partial<DeletedPersonFacts> = {}): DeletedPersonFacts {
  const now = Date.parse('2026-11-20T12:00:00Z');
  return {
    user: {
      id: '8c6a2038-90f6-4fb8-9f31-271fe3b7b670',
      displayName: 'Ben Carter',
      givenName: 'Ben',
      userPrincipalName: '8c6a203890f64fb89f31271fe3b7b670ben.carter@contoso.com',
      mail: 'ben.carter@contoso.com',
      deletedDateTime: new Date(now - 10 * DAY).toISOString(),
    },
    environment: environment(),
    systemUser: systemUser({ isDisabled: true, azureState: 1, disabledReason: 'User is deleted in Microsoft Entra ID.' }),
    now,
    ...overrides,
  };
}

describe('a deleted account (§13, §1.4 rule 1)', () => {
  it('within 30 days: blocked, deleted on which date, restorable until deletion + 30 days, and the disabled row Dataverse keeps', () => {
    const d = evaluateDeletedPerson(deleted());
    expect(d.verdict).toBe('blocked');
    expect(d.subject).toMatchObject({ kind: 'deletedPerson', userPrincipalName: 'ben.carter@contoso.com', restorable: true, restorableUntil: '2026-12-10T12:00:00Z' });
    expect(byId(d, 'entra-account')).toMatchObject({ status: 'fail' });
    expect(byId(d, 'entra-account')?.detail).toContain('(ben.carter@contoso.com) was deleted on 2026-11-10 12:00 UTC');
    expect(byId(d, 'entra-account')?.detail).toContain('until 2026-12-10 12:00 UTC (20 days left)');
    expect(byId(d, 'entra-account')?.fix?.text).toContain('Deleted users');
    expect(byId(d, 'dataverse-user')?.detail).toContain('UAT keeps Ben\'s row, disabled (azurestate 1: soft-deleted in Entra ID)');
    expect(d.user).toBeNull();
  });

  it('more than 30 days ago: says the window closed and the account can no longer be restored', () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    const d = evaluateDeletedPerson(deleted({ user: { ...deleted().user, deletedDateTime: new Date(now - 45 * DAY).toISOString() }, systemUser: systemUser({ isDisabled: true, azureState: 2 }) }));
    expect(d.subject).toMatchObject({ restorable: false });
    expect(byId(d, 'entra-account')?.detail).toContain('more than 30 days ago: the restore window closed on 2026-11-05 12:00 UTC');
    expect(byId(d, 'entra-account')?.detail).toContain("can't be restored");
    expect(byId(d, 'entra-account')?.fix?.text).toContain('Create a new account');
    expect(byId(d, 'dataverse-user')?.detail).toContain('azurestate 2');
    expect(d.headline).toContain('can no longer be restored');
  });

  it('the restore window: restorable up to exactly 30 days after the deletion, then closed', () => {
    const at = Date.parse('2026-11-01T00:00:00Z');
    expect(restoreWindow('2026-11-01T00:00:00Z', at + 30 * DAY)).toMatchObject({ restorable: true, daysLeft: 0 });
    expect(restoreWindow('2026-11-01T00:00:00Z', at + 30 * DAY + 1)).toMatchObject({ restorable: false, daysLeft: 0 });
    expect(restoreWindow('2026-11-01T00:00:00Z', at + 29.5 * DAY)).toMatchObject({ restorable: true, daysLeft: 1 });
  });

  it('a row still enabled (the background sync has not run yet) is a warning; no row and no Dataverse are said as such', () => {
    expect(byId(evaluateDeletedPerson(deleted({ systemUser: systemUser({ isDisabled: false }) })), 'dataverse-user')).toMatchObject({ status: 'warn' });
    expect(byId(evaluateDeletedPerson(deleted({ systemUser: null })), 'dataverse-user')?.detail).toContain('has no row for Ben');
    expect(byId(evaluateDeletedPerson(deleted({ systemUser: 'unknown' })), 'dataverse-user')?.status).toBe('warn');
    expect(byId(evaluateDeletedPerson(deleted({ environment: environment({ dataverse: null }) })), 'dataverse-user')?.detail).toContain('Not applicable');
  });

  it('runs no person checks: licence, security group and role are "not checked"', () => {
    const d = evaluateDeletedPerson(deleted());
    for (const id of ['license', 'security-group', 'security-role'] as const) expect(byId(d, id)).toMatchObject({ status: 'info', detail: 'Not checked: the account is deleted.' });
  });
});

const APP = { id: 'aa5a6149-eb89-4ab1-901a-94bb469211e5', appId: '3129154c-9103-464a-b3ce-5aa3ad527e10', displayName: 'Integration Hub', accountEnabled: true };
const appUser = (overrides = {}) => systemUser({ azureObjectId: '', applicationId: APP.appId, accessMode: 'Non-interactive', isLicensed: false, ...overrides });
const app = (overrides: Partial<ApplicationFacts> = {}): ApplicationFacts => ({ app: APP, environment: environment(), appUser: appUser(), ...overrides });

describe('an application (§14)', () => {
  it('with an enabled application user and a role: can work there; licence and security group are "not needed", never checked', () => {
    const d = evaluateApplication(app());
    expect(d.verdict).toBe('can-access');
    expect(d.subject).toEqual({ kind: 'application', id: APP.id, appId: APP.appId, displayName: 'Integration Hub' });
    expect(byId(d, 'entra-account')?.detail).toContain('is an application, not a person');
    expect(byId(d, 'license')).toMatchObject({ status: 'info' });
    expect(byId(d, 'license')?.detail).toMatch(/^Not needed for applications/);
    expect(byId(d, 'security-group')?.detail).toMatch(/^Not needed for applications/);
    expect(byId(d, 'dataverse-user')?.detail).toContain('Non-interactive');
    expect(byId(d, 'security-role')?.detail).toContain('Basic User (direct)');
    expect(d.user).toBeNull();
  });

  it('without a security role (direct or through a team): blocked, with the fix', () => {
    const d = evaluateApplication(app({ appUser: appUser({ directRoles: [] }) }));
    expect(d.verdict).toBe('blocked');
    expect(byId(d, 'security-role')).toMatchObject({ status: 'fail' });
    expect(byId(d, 'security-role')?.fix?.text).toContain('security role of its business unit');
  });

  it('a role through an owner team counts', () => {
    const team = { teamId: 't1', name: 'Integrations', teamType: 'owner' as const, groupId: null, membershipType: 0, roles: [BASIC_USER] };
    expect(byId(evaluateApplication(app({ appUser: appUser({ directRoles: [], teams: [team] }) })), 'security-role')).toMatchObject({ status: 'pass', detail: 'Integration Hub has Basic User (team Integrations).' });
  });

  it('no application user in the environment: blocked, with the PPAC path and the pac command', () => {
    const d = evaluateApplication(app({ appUser: null }));
    expect(byId(d, 'dataverse-user')).toMatchObject({ status: 'fail' });
    expect(byId(d, 'dataverse-user')?.fix?.text).toContain(`--user ${APP.appId}`);
    expect(byId(d, 'dataverse-user')?.fix?.text).toContain('--application-user');
  });

  it('a disabled application user or a disabled service principal: blocked', () => {
    expect(byId(evaluateApplication(app({ appUser: appUser({ isDisabled: true }) })), 'dataverse-user')?.status).toBe('fail');
    expect(byId(evaluateApplication(app({ app: { ...APP, accountEnabled: false } })), 'entra-account')?.status).toBe('fail');
  });

  it('an environment the bot cannot read: warnings, not a verdict of blocked', () => {
    const d = evaluateApplication(app({ appUser: 'unknown' }));
    expect(d.verdict).toBe('at-risk');
  });
});
