import { randomUUID } from 'node:crypto';
import type { SimGroup } from '../model';
import { findGroup, findUser, membershipChangesSince, membershipSeq } from '../state';
import { graphError } from '../surface-errors';
import type { SimContext, SimRequest, SimResponse, TenantState } from '../types';
import { GraphQueryError, fromQueryError } from './errors';
import { parseFilter, type FilterNode } from './odata-filter';
import { RESOURCE_TYPES, knownProperties, project } from './resources';

/** Members per page of an initial delta round (UNVERIFIED: Graph does not document the size). */
export const DELTA_MEMBERS_PER_PAGE = 1000;
const GROUPS_PER_PAGE = 100;

/**
 * Delta links of identity resources live 7 days; a stale one is a 400 `syncStateNotFound` (Microsoft
 * Graph blog, "Duration of change tracking tokens for identity and education resources", 2020-07-03).
 * The 410 `resyncRequired` of the delta-query overview is for other resources.
 */
export const DELTA_LINK_LIFETIME_MS = 7 * 24 * 3600_000;
const STALE_MESSAGE = 'The sync state generation is not found. The delta token is expired and data must be synchronized again.';

interface DeltaCursor {
  e: string;
  s: number;
  /** When this link was issued (sim clock). */
  t?: number;
  ids: string[] | null;
  sel: string[] | null;
  g?: number;
  m?: number;
}

/** Tokens name the state they were issued for; after /_sim/reset they are stale, like an expired sync state. */
const epochs = new WeakMap<TenantState, string>();
const epochOf = (state: TenantState): string => {
  let e = epochs.get(state);
  if (!e) epochs.set(state, (e = randomUUID().slice(0, 8)));
  return e;
};

export function groupsDelta(req: SimRequest, ctx: SimContext): SimResponse {
  try {
    const deltaToken = req.query.get('$deltatoken');
    const skipToken = req.query.get('$skiptoken');
    if (deltaToken !== null || skipToken !== null) {
      const cursor = decode(deltaToken ?? (skipToken as string));
      const expired = deltaToken !== null && cursor.t !== undefined && ctx.now() - cursor.t > DELTA_LINK_LIFETIME_MS;
      if (cursor.e !== epochOf(ctx.state) || expired) return graphError(400, 'syncStateNotFound', STALE_MESSAGE, req.headers['client-request-id']);
      return deltaToken !== null ? changesSince(ctx, cursor) : initialPage(ctx, cursor);
    }
    const ids = parseIdFilter(req.query.get('$filter'));
    const sel = parseDeltaSelect(req.query.get('$select'));
    return initialPage(ctx, { e: epochOf(ctx.state), s: membershipSeq(ctx.state), ids, sel, g: 0, m: 0 });
  } catch (err) {
    return fromQueryError(req, err);
  }
}

function initialPage(ctx: SimContext, cursor: DeltaCursor): SimResponse {
  const groups = selectedGroups(ctx.state, cursor.ids);
  const value: Record<string, unknown>[] = [];
  let budget = DELTA_MEMBERS_PER_PAGE;
  let g = cursor.g ?? 0;
  let m = cursor.m ?? 0;
  const withMembers = cursor.sel === null || cursor.sel.includes('members');
  while (g < groups.length && value.length < GROUPS_PER_PAGE && budget > 0) {
    const group = groups[g] as SimGroup;
    const item = groupItem(ctx, group, cursor.sel);
    if (withMembers) {
      const slice = group.members.slice(m, m + budget);
      item['members@delta'] = slice.map((id) => memberRef(ctx.state, id));
      budget -= slice.length;
      m += slice.length;
      if (m < group.members.length) {
        value.push(item);
        break;
      }
    }
    value.push(item);
    g += 1;
    m = 0;
  }
  const body: Record<string, unknown> = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups', value };
  if (g < groups.length) body['@odata.nextLink'] = link(ctx, '$skiptoken', { ...cursor, g, m });
  else body['@odata.deltaLink'] = link(ctx, '$deltatoken', { e: cursor.e, s: cursor.s, ids: cursor.ids, sel: cursor.sel, t: ctx.now() });
  return { status: 200, body };
}

function changesSince(ctx: SimContext, cursor: DeltaCursor): SimResponse {
  const wanted = cursor.ids ? new Set(cursor.ids.map((i) => i.toLowerCase())) : undefined;
  const perGroup = new Map<string, Map<string, boolean>>();
  for (const change of membershipChangesSince(ctx.state, cursor.s)) {
    const key = change.groupId.toLowerCase();
    if (wanted && !wanted.has(key)) continue;
    if (!perGroup.has(key)) perGroup.set(key, new Map());
    (perGroup.get(key) as Map<string, boolean>).set(change.memberId, change.removed);
  }
  const withMembers = cursor.sel === null || cursor.sel.includes('members');
  const value: Record<string, unknown>[] = [];
  if (withMembers) {
    for (const [groupId, members] of perGroup) {
      const group = findGroup(ctx.state, groupId);
      if (!group) continue;
      const item = groupItem(ctx, group, cursor.sel);
      item['members@delta'] = [...members].map(([id, removed]) => ({ ...memberRef(ctx.state, id), ...(removed ? { '@removed': { reason: 'deleted' } } : {}) }));
      value.push(item);
    }
  }
  const next = { e: cursor.e, s: membershipSeq(ctx.state), ids: cursor.ids, sel: cursor.sel, t: ctx.now() };
  return { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups', value, '@odata.deltaLink': link(ctx, '$deltatoken', next) } };
}

function groupItem(ctx: SimContext, group: SimGroup, sel: string[] | null): Record<string, unknown> {
  const props = sel ? sel.filter((s) => s !== 'members') : undefined;
  const item = project({ kind: 'group', group }, props, ctx.state.fixture.tenant.defaultDomain, false);
  item.id = group.id;
  return item;
}

function memberRef(state: TenantState, id: string): Record<string, unknown> {
  const type = findUser(state, id) || !findGroup(state, id) ? RESOURCE_TYPES.user.odataType : RESOURCE_TYPES.group.odataType;
  return { '@odata.type': type, id };
}

function selectedGroups(state: TenantState, ids: string[] | null): SimGroup[] {
  if (!ids) return state.fixture.groups;
  return ids.map((id) => findGroup(state, id)).filter((g): g is SimGroup => g !== undefined);
}

function parseIdFilter(raw: string | null): string[] | null {
  if (raw === null) return null;
  const ids: string[] = [];
  const walk = (node: FilterNode): void => {
    if (node.kind === 'or') {
      walk(node.left);
      walk(node.right);
    } else if (node.kind === 'cmp' && node.op === 'eq' && node.property === 'id' && typeof node.value === 'string') ids.push(node.value);
    else throw new GraphQueryError('Request_UnsupportedQuery', "Delta query on groups supports only $filter=id eq '{id}' (optionally joined with 'or').");
  };
  walk(parseFilter(raw));
  if (ids.length > 50) throw new GraphQueryError('Request_UnsupportedQuery', 'Delta query supports at most 50 group ids in $filter.');
  return ids;
}

function parseDeltaSelect(raw: string | null): string[] | null {
  if (raw === null) return null;
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const known = new Set([...knownProperties('group'), 'members']);
  const unknown = names.find((n) => !known.has(n));
  if (unknown) throw new GraphQueryError('BadRequest', `Could not find a property named '${unknown}' on type 'microsoft.graph.group'.`);
  return names;
}

function link(ctx: SimContext, param: '$skiptoken' | '$deltatoken', cursor: DeltaCursor): string {
  return `${ctx.origin}/graph/v1.0/groups/delta?${param}=${Buffer.from(JSON.stringify(cursor)).toString('base64url')}`;
}

function decode(token: string): DeltaCursor {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaCursor;
    if (typeof c.e === 'string' && typeof c.s === 'number') return c;
  } catch {
    // reported below
  }
  throw new GraphQueryError('BadRequest', 'The delta or skip token is malformed.');
}
