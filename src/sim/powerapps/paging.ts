import { odataQueryString } from '../dataverse/query-string';
import type { SimContext, SimRequest, SimResponse } from '../types';
import { powerAppsError } from './errors';

const MAX_PAGE = 250;

/**
 * One page of a list: `$top` (1..page size, default the page size) and an opaque `$skiptoken`; a further
 * page is announced by a top-level `nextLink` (§15, [S1b]). The page size is UNVERIFIED (a setting).
 */
export function page<T>(items: readonly T[], req: SimRequest, ctx: SimContext, view: (item: T) => unknown): SimResponse {
  const limit = Math.max(1, Math.floor(ctx.config.unverified.powerAppsPageSize ?? MAX_PAGE));
  const topText = req.query.get('$top');
  const top = topText === null ? limit : Number(topText);
  if (!Number.isInteger(top) || top < 1) return powerAppsError(400, 'InvalidQueryParameter', `The value '${topText}' of the query parameter '$top' is not valid.`);
  const size = Math.min(top, limit);
  const token = req.query.get('$skiptoken');
  const offset = token === null ? 0 : decodeSkipToken(token);
  if (offset === null) return powerAppsError(400, 'InvalidSkipToken', `The skip token '${token}' is not valid.`);
  const body: Record<string, unknown> = { value: items.slice(offset, offset + size).map(view) };
  if (offset + size < items.length) {
    const next = new URLSearchParams(req.query);
    next.set('$skiptoken', Buffer.from(`offset:${offset + size}`).toString('base64url'));
    body.nextLink = `${ctx.origin}/powerapps${req.path}?${odataQueryString(next)}`;
  }
  return { status: 200, body };
}

function decodeSkipToken(token: string): number | null {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}
