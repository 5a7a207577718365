import type { DataverseTeam, DirectoryUser, Environment, SubscribedSku, SystemUser } from '../../src/gateways/types';
import { NO_ADMIN_ROLES, type AccessFacts } from '../../src/domain/access/facts';

/** Real SKU and service-plan ids from microsoft-apis.md §5.2. */
export const SKU = {
  premium: { skuId: 'b30411f5-fea1-4a59-9ad9-3db7c7ead579', skuPartNumber: 'POWERAPPS_PER_USER', capabilityStatus: 'Enabled', servicePlans: [{ servicePlanId: '6ea4c1ef-c259-46df-bce2-943342cd3cb2', servicePlanName: 'DYN365_CDS_P2', provisioningStatus: 'Success' }] },
  perApp: { skuId: 'b4d7b828-e8dc-4518-91f9-e123ae48440d', skuPartNumber: 'POWERAPPS_PER_APP_NEW', capabilityStatus: 'Enabled', servicePlans: [{ servicePlanId: '6f0e9100-ff66-41ce-96fc-3d8b7ad26887', servicePlanName: 'DATAVERSE_POWERAPPS_PER_APP_NEW', provisioningStatus: 'Success' }] },
  m365e3: {
    skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
    skuPartNumber: 'SPE_E3',
    capabilityStatus: 'Enabled',
    servicePlans: [
      { servicePlanId: '4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14', servicePlanName: 'DYN365_CDS_O365_P2', provisioningStatus: 'Success' },
      { servicePlanId: '95b76021-6a53-4741-ab8b-1d1f3d66a95a', servicePlanName: 'CDS_O365_P2', provisioningStatus: 'Success' },
    ],
  },
  sales: { skuId: '1e1a282c-9c54-43a2-9310-98ef728faace', skuPartNumber: 'DYN365_ENTERPRISE_SALES', capabilityStatus: 'Enabled', servicePlans: [{ servicePlanId: '2da8e897-7791-486b-b08f-cc63c8129df7', servicePlanName: 'DYN365_ENTERPRISE_SALES', provisioningStatus: 'Success' }] },
  trial: { skuId: 'dcb1a3ae-b33f-4487-846a-a640262fadf4', skuPartNumber: 'POWERAPPS_VIRAL', capabilityStatus: 'Enabled', servicePlans: [{ servicePlanId: '17ab22cd-a0b3-4536-910a-cb6eb12696c0', servicePlanName: 'DYN365_CDS_VIRAL', provisioningStatus: 'Success' }] },
  developer: { skuId: '5b631642-bd26-49fe-bd20-1daaa972ef80', skuPartNumber: 'POWERAPPS_DEV', capabilityStatus: 'Enabled', servicePlans: [{ servicePlanId: 'd8c638e2-9508-40e3-9877-feb87603837b', servicePlanName: 'DYN365_CDS_DEV_VIRAL', provisioningStatus: 'Success' }] },
  basic: { skuId: '3b555118-da6a-4418-894f-7df1e2096870', skuPartNumber: 'O365_BUSINESS_ESSENTIALS', capabilityStatus: 'Enabled', servicePlans: [{ servicePlanId: '92f7a6f3-b89b-4bbd-8c30-809e6da5ad1c', servicePlanName: 'POWERAPPS_O365_P1', provisioningStatus: 'Success' }] },
} satisfies Record<string, SubscribedSku>;

export const TENANT_SKUS: SubscribedSku[] = Object.values(SKU);

export function user(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    displayName: 'Jane Doe',
    userPrincipalName: 'jane.doe@contoso.com',
    mail: 'jane.doe@contoso.com',
    givenName: 'Jane',
    surname: 'Doe',
    userType: 'Member',
    accountEnabled: true,
    assignedLicenses: [{ skuId: SKU.premium.skuId, disabledPlans: [] }],
    ...overrides,
  };
}

export const SG_ID = '22222222-2222-4222-8222-222222222222';

export function environment(overrides: Partial<Environment> = {}): Environment {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    displayName: 'UAT',
    sku: 'Sandbox',
    isDefault: false,
    runtimeState: 'Enabled',
    dataverse: { instanceUrl: 'https://orguat.crm.dynamics.com/', domainName: 'orguat', securityGroupId: SG_ID },
    appPassCapacity: 0,
    ...overrides,
  };
}

export const BASIC_USER = { roleId: 'r-basic', name: 'Basic User' };
export const SYSADMIN = { roleId: 'r-sysadmin', name: 'System Administrator' };

export function systemUser(overrides: Partial<SystemUser> = {}): SystemUser {
  return {
    systemUserId: 'su-1',
    azureObjectId: '11111111-1111-4111-8111-111111111111',
    domainName: 'jane.doe@contoso.com',
    fullName: 'Jane Doe',
    isDisabled: false,
    disabledReason: null,
    accessMode: 'Read-Write',
    isLicensed: true,
    applicationId: null,
    azureState: 0,
    directRoles: [BASIC_USER],
    teams: [],
    ...overrides,
  };
}

export const FC_GROUP = '44444444-4444-4444-8444-444444444444';
export const FC_TEAM: DataverseTeam = {
  teamId: 't-fc',
  name: 'Financial Coordinator Team',
  teamType: 'securityGroup',
  groupId: FC_GROUP,
  membershipType: 0,
  roles: [{ roleId: 'r-fc', name: 'Finance Coordinator' }],
};

export function facts(overrides: Partial<AccessFacts> = {}): AccessFacts {
  return {
    user: user(),
    environment: environment(),
    skus: TENANT_SKUS,
    adminRoles: NO_ADMIN_ROLES,
    securityGroup: { id: SG_ID, displayName: 'UAT Access', directMember: true, owner: false, transitiveMember: true },
    systemUser: systemUser(),
    groupTeams: [],
    userGroupIds: [SG_ID],
    ...overrides,
  };
}

export const NOT_IN_GROUP = { id: SG_ID, displayName: 'UAT Access', directMember: false, owner: false, transitiveMember: false };
