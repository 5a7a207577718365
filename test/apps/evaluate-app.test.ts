import type { AppFacts } from '../../src/domain/access/app-facts';
import { evaluateAppAccess } from '../../src/domain/access/evaluate-app';
import type { AppModule, CanvasApp, CanvasAppPermission } from '../../src/gateways/types';
import { environment, facts, FC_GROUP, FC_TEAM, NOT_IN_GROUP, SKU, systemUser, user } from '../domain/access-fixtures';

/** The app rules, pure: the same facts give the same verdict (src/domain/access/evaluate-app.ts). */
const TENANT = '99999999-9999-4999-8999-999999999999';
const EXPENSE_ROOT = 'aaaaaaaa-0000-4000-8000-000000000001';

function modelDriven(overrides: Partial<AppModule> = {}): AppFacts {
  return {
    kind: 'model-driven',
    app: { appModuleId: 'app-1', name: 'Expense Tracker', uniqueName: 'contoso_ExpenseTracker', active: true, statusCode: 1, publishedOn: '2026-02-10T09:00:00Z', roles: [{ roleId: EXPENSE_ROOT, name: 'Expense User', rootRoleId: EXPENSE_ROOT }], ...overrides },
  };
}

function canvas(permissions: CanvasAppPermission[] | null, overrides: Partial<CanvasApp> = {}): AppFacts {
  return {
    kind: 'canvas',
    permissions,
    app: {
      appId: 'c-1', environmentId: 'env', displayName: 'Field Inspection', owner: { id: 'owner', displayName: 'Alex Johnson', email: null },
      createdTime: null, lastModifiedTime: null, lastPublishTime: '2025-09-15T08:30:00Z', usesPremiumApi: true, usesCustomApi: false, usesOnPremiseGateway: false,
      usesDataverse: false, planClassification: 'Premium', connectors: [{ name: 'SQL Server', premium: true }], sharedUsersCount: 0, sharedGroupsCount: 1, ...overrides,
    },
  };
}

const share = (type: 'User' | 'Group' | 'Tenant', id: string, roleName = 'CanView', displayName: string | null = null): CanvasAppPermission => ({ id: `p-${id}`, roleName, principal: { id, type, displayName, email: null } });
const janeId = user().id;

describe('evaluateAppAccess', () => {
  it('counts a business unit\'s copy of an app role through its root role (_parentrootroleid_value)', () => {
    const copy = { roleId: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Expense User', rootRoleId: EXPENSE_ROOT };
    const d = evaluateAppAccess({ access: facts({ systemUser: systemUser({ directRoles: [copy] }) }), app: modelDriven(), tenantId: TENANT });
    expect(d.verdict).toBe('can-open');
    expect(d.checks.find((c) => c.id === 'app-access')?.detail).toBe('Jane holds Expense User (direct), a role of Expense Tracker.');
  });

  it('a role due through a group team makes a person not yet in the environment "will open once synced"', () => {
    const team = { ...FC_TEAM, roles: [{ roleId: 'r-fc', name: 'Finance Coordinator', rootRoleId: 'r-fc' }] };
    const app = modelDriven({ roles: [{ roleId: 'r-fc', name: 'Finance Coordinator', rootRoleId: 'r-fc' }] });
    const d = evaluateAppAccess({ access: facts({ systemUser: null, groupTeams: [team], userGroupIds: [FC_GROUP, NOT_IN_GROUP.id] }), app, tenantId: TENANT });
    expect(d.verdict).toBe('will-open-once-synced');
    expect(d.checks.find((c) => c.id === 'app-access')?.status).toBe('info');
  });

  it('no app role: blocked, naming the roles that would give access and offering them (never System Administrator)', () => {
    const app = modelDriven({ roles: [{ roleId: EXPENSE_ROOT, name: 'Expense User', rootRoleId: EXPENSE_ROOT }, { roleId: 'r-sa', name: 'System Administrator', rootRoleId: 'r-sa' }] });
    const d = evaluateAppAccess({ access: facts(), app, tenantId: TENANT });
    const role = d.checks[0];
    expect(d.verdict).toBe('blocked');
    expect(role?.detail).toContain("Jane holds none of Expense Tracker's roles Expense User and System Administrator");
    expect(role?.fix?.roles).toEqual([{ id: EXPENSE_ROOT, name: 'Expense User' }]);
  });

  it('a deactivated model-driven app blocks everyone, a never-published canvas app too', () => {
    expect(evaluateAppAccess({ access: facts(), app: modelDriven({ active: false, statusCode: 2 }), tenantId: TENANT }).headline).toContain('Blocked by: app state');
    expect(evaluateAppAccess({ access: facts(), app: canvas([share('User', janeId)], { lastPublishTime: null }), tenantId: TENANT }).checks[0]?.detail).toContain('never published');
  });

  it('a premium app without a premium licence is blocked, unless the environment has per-app passes', () => {
    const m365 = user({ assignedLicenses: [{ skuId: SKU.m365e3.skuId, disabledPlans: [] }] });
    const shared = canvas([share('User', janeId)]);
    const blocked = evaluateAppAccess({ access: facts({ user: m365 }), app: shared, tenantId: TENANT });
    expect(blocked.verdict).toBe('blocked');
    expect(blocked.checks[0]?.detail).toContain('Field Inspection needs a premium licence because it uses the premium connector SQL Server');
    const passes = evaluateAppAccess({ access: facts({ user: m365, environment: environment({ appPassCapacity: 5 }) }), app: shared, tenantId: TENANT });
    expect(passes.checks.find((c) => c.id === 'app-licence')).toMatchObject({ status: 'pass' });
    expect(passes.checks.find((c) => c.id === 'app-licence')?.detail).toContain('has 5 per-app passes');
  });

  it('a canvas app without Dataverse needs neither a Dataverse licence nor a Dataverse user: a Microsoft 365 licence and the security group are enough', () => {
    const basic = user({ assignedLicenses: [{ skuId: SKU.basic.skuId, disabledPlans: [] }] });
    const standard = canvas([share('Tenant', TENANT)], { usesPremiumApi: false, planClassification: 'Standard', connectors: [{ name: 'SharePoint', premium: false }] });
    const d = evaluateAppAccess({ access: facts({ user: basic, systemUser: null }), app: standard, tenantId: TENANT });
    expect(d.verdict).toBe('can-open');
    expect(d.environment.checks.find((c) => c.id === 'license')).toMatchObject({ status: 'info', detail: "Not needed for Field Inspection, which doesn't use Dataverse." });
    const outside = evaluateAppAccess({ access: facts({ user: basic, systemUser: null, securityGroup: NOT_IN_GROUP }), app: standard, tenantId: TENANT });
    expect(outside.verdict).toBe('blocked');
    expect(outside.headline).toContain('Blocked by: security group');
  });

  it('sharing: the highest level wins; "everyone" for a guest is a warning; the expanded role alone still gives a level', () => {
    const viaGroupAndDirect = canvas([share('Group', NOT_IN_GROUP.id, 'CanView', 'UAT Access'), share('User', janeId, 'CanEdit')]);
    expect(evaluateAppAccess({ access: facts(), app: viaGroupAndDirect, tenantId: TENANT }).permission).toBe('can-edit');
    const guest = evaluateAppAccess({ access: facts({ user: user({ userType: 'Guest' }) }), app: canvas([share('Tenant', TENANT)]), tenantId: TENANT });
    expect(guest.checks.find((c) => c.id === 'app-access')?.status).toBe('warn');
    const expanded = canvas(null, { effectiveRole: 'CanViewWithShare' });
    expect(evaluateAppAccess({ access: facts(), app: expanded, tenantId: TENANT }).permission).toBe('can-view');
  });
});
