import type { AdminRoles } from './access/facts';

/** Entra built-in role template ids of the admins the access rules treat differently (microsoft-apis.md §4.7). */
export const ADMIN_ROLE_TEMPLATES: Readonly<Record<keyof AdminRoles, string>> = {
  global: '62e90394-69f5-4237-9190-012177145e10',
  powerPlatform: '11648597-926c-4cf3-9c36-bcebb0ba8dcc',
  dynamics365: '44367163-eba1-44c3-98af-f5787879f96a',
};

/** Which of the three admin roles a set of active role template ids holds. */
export function adminRolesOf(roleTemplateIds: Iterable<string>): AdminRoles {
  const held = new Set([...roleTemplateIds].map((id) => id.toLowerCase()));
  return {
    global: held.has(ADMIN_ROLE_TEMPLATES.global),
    powerPlatform: held.has(ADMIN_ROLE_TEMPLATES.powerPlatform),
    dynamics365: held.has(ADMIN_ROLE_TEMPLATES.dynamics365),
  };
}
