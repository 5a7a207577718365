/**
 * Which service plans give a user a Dataverse entitlement, by class (microsoft-apis.md §5.2).
 * Microsoft does not publish the sync's allow-list: this table is the documented best approximation.
 */
export type PlanClass = 'premium' | 'perApp' | 'm365Dataverse' | 'teamsOnly' | 'trial' | 'developer';

const CLASS_BY_PLAN_NAME: Readonly<Record<string, PlanClass>> = {
  DYN365_CDS_P2: 'premium',
  CDS_ATTENDED_RPA: 'premium',
  POWERAPPS_PER_USER: 'premium',
  POWERAPPS_DYN_APPS: 'premium',
  POWERAPPS_DYN_P2: 'premium',
  POWERAPPS_DYN_TEAM: 'premium',
  DYN365_ENTERPRISE_P1: 'premium',
  DYN365_ENTERPRISE_SALES: 'premium',
  DYN365_ENTERPRISE_CUSTOMER_SERVICE: 'premium',
  DYN365_ENTERPRISE_TEAM_MEMBERS: 'premium',
  DYN365_TEAM_MEMBERS: 'premium',
  DYN365_SALES_PRO: 'premium',
  POWERAPPS_SALES_PRO: 'premium',
  DYN365_CDS_GUIDES: 'premium',
  D365_ProjectOperationsCDS: 'premium',
  CDS_PER_APP: 'perApp',
  DATAVERSE_POWERAPPS_PER_APP_NEW: 'perApp',
  DYN365_CDS_O365_P1: 'm365Dataverse',
  DYN365_CDS_O365_P2: 'm365Dataverse',
  DYN365_CDS_O365_P3: 'm365Dataverse',
  DYN365_CDS_O365_F1: 'm365Dataverse',
  CDS_O365_P1: 'teamsOnly',
  CDS_O365_P2: 'teamsOnly',
  CDS_O365_P3: 'teamsOnly',
  CDS_O365_F1: 'teamsOnly',
  DYN365_CDS_VIRAL: 'trial',
  DYN365_CDS_DEV_VIRAL: 'developer',
};

/** Ids are checked as well as names, so a fixture with a renamed plan still classifies by id. */
const CLASS_BY_PLAN_ID: Readonly<Record<string, PlanClass>> = {
  '6ea4c1ef-c259-46df-bce2-943342cd3cb2': 'premium',
  '3da2fd4c-1bee-4b61-a17f-94c31e5cab93': 'premium',
  'ea2cf03b-ac60-46ae-9c1d-eeaeb63cec86': 'premium',
  '874fc546-6efe-4d22-90b8-5c4e7aa59f4b': 'premium',
  '0b03f40b-c404-40c3-8651-2aceb74365fa': 'premium',
  '52e619e2-2730-439a-b0d3-d09ab7e8b705': 'premium',
  'd56f3deb-50d8-465a-bedb-f079817ccac1': 'premium',
  '2da8e897-7791-486b-b08f-cc63c8129df7': 'premium',
  '99340b49-fb81-4b1e-976b-8f2ae8e9394f': 'premium',
  '6a54b05e-4fab-40e7-9828-428db3b336fa': 'premium',
  '4092fdb5-8d81-41d3-be76-aaba4074530b': 'premium',
  '88d83950-ff78-4e85-aa66-abfc787f8090': 'premium',
  '6f9f70ce-138d-49f8-bb8b-2e701b7dde75': 'premium',
  '1315ade1-0410-450d-b8e3-8050e6da320f': 'premium',
  '18fa3aba-b085-4105-87d7-55617b8585e6': 'premium',
  '9f2f00ad-21ae-4ceb-994b-d8bc7be90999': 'perApp',
  '6f0e9100-ff66-41ce-96fc-3d8b7ad26887': 'perApp',
  '40b010bb-0b69-4654-ac5e-ba161433f4b4': 'm365Dataverse',
  '4ff01e01-1ba7-4d71-8cf8-ce96c3bbcf14': 'm365Dataverse',
  '28b0fa46-c39a-4188-89e2-58e979a6b014': 'm365Dataverse',
  'ca6e61ec-d4f4-41eb-8b88-d96e0e14323f': 'm365Dataverse',
  'bed136c6-b799-4462-824d-fc045d3a9d25': 'teamsOnly',
  '95b76021-6a53-4741-ab8b-1d1f3d66a95a': 'teamsOnly',
  'afa73018-811e-46e9-988f-f75d2b1b8430': 'teamsOnly',
  '90db65a7-bf11-4904-a79f-ef657605145b': 'teamsOnly',
  '17ab22cd-a0b3-4536-910a-cb6eb12696c0': 'trial',
  'd8c638e2-9508-40e3-9877-feb87603837b': 'developer',
};

export function classifyPlan(plan: { servicePlanId: string; servicePlanName: string }): PlanClass | undefined {
  return CLASS_BY_PLAN_ID[plan.servicePlanId.toLowerCase()] ?? CLASS_BY_PLAN_NAME[plan.servicePlanName];
}
