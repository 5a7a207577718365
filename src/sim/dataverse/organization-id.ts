import { stableGuid } from '../ids';

/** The Dataverse organization id of an environment: BAP's `linkedEnvironmentMetadata.resourceId` and WhoAmI's `OrganizationId`. */
export function organizationIdOf(environmentId: string): string {
  return stableGuid(`instance:${environmentId.toLowerCase()}`);
}
