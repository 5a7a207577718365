/** Microsoft identifiers as they arrive from people, cards and services, checked one way everywhere. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENVIRONMENT_ID = /^(default-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An Entra object id, an app id, a confirmation id. */
export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

/** A Power Platform environment name: a GUID or Default-{tenant GUID}. */
export function isEnvironmentId(value: string): boolean {
  return ENVIRONMENT_ID.test(value);
}
