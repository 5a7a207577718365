import { isObject } from './config';
import type { SimulatorCore } from './core';
import { ConfigError } from './core';
import { addGroupMember, findGroup, findUser, removeGroupMember } from './state';
import type { SimResponse } from './types';

const bad = (message: string, problems?: string[]): SimResponse => ({ status: 400, body: { error: { code: 'BadRequest', message, ...(problems ? { problems } : {}) } } });

/** /_sim/* control endpoints: no token, not throttled. */
export function handleControl(core: SimulatorCore, method: string, path: string, body: { value: unknown } | { error: string }): SimResponse {
  if ('error' in body) return bad(`Invalid JSON in request body: ${body.error}`);
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /config':
      return { status: 200, body: core.config };
    case 'POST /config':
      try {
        core.setConfig(body.value ?? {});
        return { status: 200, body: core.config };
      } catch (err) {
        if (err instanceof ConfigError) return bad('Invalid simulator config; nothing was changed.', err.problems);
        throw err;
      }
    case 'GET /stats':
      return { status: 200, body: core.snapshotStats() };
    case 'DELETE /stats':
      core.clearStats();
      return { status: 204 };
    case 'GET /state':
      return { status: 200, body: core.state.fixture };
    case 'GET /tenant':
      return { status: 200, body: { tenant: core.state.fixture.tenant, apps: core.state.fixture.apps } };
    case 'POST /reset':
      core.reset();
      return { status: 204 };
  }
  const members = /^\/groups\/([^/]+)\/members$/.exec(path);
  if (members) return method === 'POST' ? changeMembers(core, decodeURIComponent(members[1] as string), body.value) : { status: 405, headers: { allow: 'POST' } };
  if (['/config', '/stats', '/state', '/tenant', '/reset'].includes(path)) return { status: 405 };
  return { status: 404, body: { error: { code: 'NotFound', message: `Unknown control endpoint '/_sim${path}'.` } } };
}

/** Changes membership "in Entra" (recorded for /groups/delta). All ids are checked before anything changes. */
function changeMembers(core: SimulatorCore, groupId: string, body: unknown): SimResponse {
  const state = core.state;
  const group = findGroup(state, groupId);
  if (!group) return { status: 404, body: { error: { code: 'NotFound', message: `Group '${groupId}' does not exist.` } } };
  if (!isObject(body)) return bad("Body must be an object: { add?: [ids], remove?: [ids] }.");
  const problems: string[] = [];
  const lists: Record<'add' | 'remove', string[]> = { add: [], remove: [] };
  for (const key of ['add', 'remove'] as const) {
    const value = body[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      problems.push(`/${key}: must be an array of ids`);
      continue;
    }
    lists[key] = value;
    value.forEach((id, i) => {
      if (!findUser(state, id) && !findGroup(state, id)) problems.push(`/${key}/${i}: unknown user or group '${id}'`);
      else if (id.toLowerCase() === group.id.toLowerCase()) problems.push(`/${key}/${i}: a group cannot be its own member`);
    });
  }
  for (const key of Object.keys(body)) if (key !== 'add' && key !== 'remove') problems.push(`/${key}: unknown field`);
  if (problems.length > 0) return bad('Invalid membership change; nothing was changed.', problems);
  const canonical = (id: string): string => findUser(state, id)?.id ?? findGroup(state, id)?.id ?? id;
  const added = lists.add.filter((id) => addGroupMember(state, group.id, canonical(id)) === 'added').map(canonical);
  const removed = lists.remove.filter((id) => removeGroupMember(state, group.id, canonical(id)) === 'removed').map(canonical);
  return { status: 200, body: { groupId: group.id, added, removed, memberCount: group.members.length } };
}
