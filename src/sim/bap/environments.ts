import { odataQueryString } from '../dataverse/query-string';
import type { SimEnvironment } from '../model';
import type { SimContext, SimRequest, SimResponse } from '../types';
import { bapError, environmentNotFound } from './bap-errors';
import { ENVIRONMENTS_PATH, expandedProperties, toBapEnvironment } from './environment-view';

const DEFAULT_PAGE_SIZE = 50;

/**
 * `GET …/scopes/admin/environments`: `{ value }` plus a top-level `nextLink` when more pages follow
 * (§2.1). `$filter=properties/environmentSku eq '…'` (community usage) is honoured; other filters are
 * refused rather than silently ignored.
 */
export function listEnvironments(req: SimRequest, ctx: SimContext): SimResponse {
  const pageSize = Math.max(1, Math.floor(ctx.config.unverified.bapEnvironmentsPageSize ?? DEFAULT_PAGE_SIZE));
  const token = req.query.get('$skiptoken');
  const offset = token === null ? 0 : decodeSkipToken(token);
  if (offset === null) return bapError(400, 'InvalidSkipToken', `The skip token '${token}' is not valid.`);
  const filter = req.query.get('$filter');
  const sku = filter === null ? null : /^\s*properties\/environmentSku\s+eq\s+'([A-Za-z]+)'\s*$/.exec(filter)?.[1];
  if (sku === undefined) {
    return bapError(400, 'InvalidFilter', `The filter '${filter}' is not supported by the simulator; only properties/environmentSku eq '<sku>' is.`);
  }
  const all = ctx.state.fixture.environments.filter((env) => sku === null || env.sku.toLowerCase() === sku.toLowerCase());
  const expand = expandedProperties(req.query);
  const page = all.slice(offset, offset + pageSize).map((env) => toBapEnvironment(env, ctx, expand));
  const body: Record<string, unknown> = { value: page };
  if (offset + pageSize < all.length) {
    const next = new URLSearchParams(req.query);
    next.set('$skiptoken', Buffer.from(`offset:${offset + pageSize}`).toString('base64url'));
    body.nextLink = `${ctx.origin}/bap${ENVIRONMENTS_PATH}?${odataQueryString(next)}`;
  }
  return { status: 200, body };
}

/** `GET …/scopes/admin/environments/{name}` (also `~default`). */
export function getEnvironment(name: string, req: SimRequest, ctx: SimContext): SimResponse {
  const env = resolveEnvironment(name, ctx);
  if (!env) return environmentNotFound(name, ctx.state.fixture.tenant.id);
  return { status: 200, body: toBapEnvironment(env, ctx, expandedProperties(req.query)) };
}

export function resolveEnvironment(name: string, ctx: SimContext): SimEnvironment | undefined {
  if (name.toLowerCase() === '~default') return ctx.state.fixture.environments.find((env) => env.sku === 'Default');
  return ctx.state.environmentsById.get(name.toLowerCase());
}

function decodeSkipToken(token: string): number | null {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}
