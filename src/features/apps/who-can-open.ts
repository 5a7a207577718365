import type { Deps } from '../../app/deps';
import type { PermissionLevel } from '../../domain/access/app-diagnosis';
import { levelOf } from '../../domain/access/check-app-sharing';
import type { AppName, KnownApp } from '../../domain/resolve/resolve-app';
import { tenantCache } from '../../gateways/tenant-cache';
import type { Environment, RoleHolders } from '../../gateways/types';
import { findApp } from './find-app';
import type { WhoCanOpenRequest } from './parse-apps';

export interface Holder {
  name: string;
  level?: PermissionLevel;
}

export type Audience =
  | { kind: 'canvas'; owner: string | null; people: Holder[]; groups: Holder[]; everyone: boolean }
  /** Per role of the app (every business unit's copy together): its direct holders and the teams holding it. */
  | { kind: 'model-driven'; roles: { name: string; people: string[]; disabled: number; teams: string[] }[] };

export type WhoOutcome =
  | { kind: 'audience'; app: KnownApp; audience: Audience }
  | { kind: 'choose-app'; request: WhoCanOpenRequest; candidates: AppName[]; more: boolean }
  | { kind: 'choose-app-environment'; request: WhoCanOpenRequest; app: AppName }
  | { kind: 'app-or-environment'; request: WhoCanOpenRequest; app: AppName; environments: Environment[] }
  | { kind: 'app-not-found'; request: WhoCanOpenRequest; query: string; suggestions: AppName[]; unread: string[] }
  | { kind: 'environment-not-found'; request: WhoCanOpenRequest; query: string; suggestions: Environment[] }
  | { kind: 'is-environment'; environment: Environment };

type WhoDeps = Pick<Deps, 'powerPlatform' | 'graph' | 'powerApps' | 'dataverse' | 'now' | 'log'>;

const byName = (a: Holder, b: Holder) => a.name.localeCompare(b.name);

/** Canvas: the app's role assignments (1 Power Apps request per 250); model-driven: its roles and their holders (1 Dataverse request). */
export async function whoCanOpen(deps: WhoDeps, request: WhoCanOpenRequest): Promise<WhoOutcome> {
  const environments = await tenantCache(deps).environments();
  const found = await findApp(deps, { app: request.app, environment: request.environment, mayBeEnvironment: true }, environments);
  if (found.kind === 'is-environment') return found;
  if (found.kind === 'app-or-environment') return { kind: 'app-or-environment', request, app: found.app, environments: found.environments };
  if (found.kind === 'choose-app') return { kind: 'choose-app', request, candidates: found.candidates, more: found.more };
  if (found.kind === 'app-not-found') return { kind: 'app-not-found', request, query: found.query, suggestions: found.suggestions, unread: found.unread };
  if (found.kind === 'environment-not-found') return { kind: 'environment-not-found', request, query: found.query, suggestions: found.suggestions };
  const [app, ...others] = found.app.apps;
  if (!app) throw new Error('a found app name has no app');
  if (others.length > 0) return { kind: 'choose-app-environment', request, app: found.app };
  if (app.kind === 'canvas') {
    const permissions = await deps.powerApps.listAppPermissions(app.environment.id, app.id);
    const audience: Audience = { kind: 'canvas', owner: null, people: [], groups: [], everyone: false };
    for (const p of permissions) {
      const level = levelOf(p.roleName);
      const name = p.principal.displayName ?? p.principal.email ?? p.principal.id;
      const type = p.principal.type.toLowerCase();
      if (level === 'owner' && type === 'user') audience.owner = name;
      else if (type === 'tenant') audience.everyone = true;
      else if (level && type === 'user') audience.people.push({ name, level });
      else if (level && type === 'group') audience.groups.push({ name, level });
    }
    audience.people.sort(byName);
    audience.groups.sort(byName);
    return { kind: 'audience', app, audience };
  }
  const instanceUrl = app.environment.dataverse?.instanceUrl;
  const list = found.lists.find((l) => l.environment.id === app.environment.id);
  const module = list?.modelDriven.find((m) => m.appModuleId === app.id);
  if (!instanceUrl || !module) throw new Error('a model-driven app without its Dataverse');
  const roots = [...new Set(module.roles.map((r) => (r.rootRoleId ?? r.roleId).toLowerCase()))];
  return { kind: 'audience', app, audience: { kind: 'model-driven', roles: holdersByRole(await deps.dataverse.listRoleHolders(instanceUrl, roots)) } };
}

/** Every business unit's copy of a role counted under the root role's name; people by name, disabled users apart. */
function holdersByRole(copies: readonly RoleHolders[]): { name: string; people: string[]; disabled: number; teams: string[] }[] {
  const roles = new Map<string, { name: string; people: Set<string>; disabled: Set<string>; teams: Set<string> }>();
  for (const copy of copies) {
    const key = copy.rootRoleId.toLowerCase();
    const role = roles.get(key) ?? { name: copy.name, people: new Set(), disabled: new Set(), teams: new Set() };
    for (const user of copy.users) (user.isDisabled ? role.disabled : role.people).add(user.fullName);
    for (const team of copy.teams) role.teams.add(team.groupId ? `${team.name} (group team)` : team.name);
    roles.set(key, role);
  }
  return [...roles.values()]
    .map((r) => ({ name: r.name, people: [...r.people].sort(), disabled: r.disabled.size, teams: [...r.teams].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
