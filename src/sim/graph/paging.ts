import type { SimRequest } from '../types';
import { GraphQueryError } from './errors';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

/** $top for directory collections: 1..999, else Graph's exact message. */
export function pageSize(req: SimRequest): number {
  const raw = req.query.get('$top');
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > MAX_PAGE_SIZE) {
    throw new GraphQueryError('Request_BadRequest', `Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`);
  }
  return n;
}

/** Opaque to clients; carries the offset and the path it belongs to so a token is not replayed elsewhere. */
export function encodeSkipToken(path: string, offset: number): string {
  return `RFNwdAIAAQAAA${Buffer.from(JSON.stringify({ p: path.toLowerCase(), o: offset })).toString('base64url')}`;
}

export function decodeSkipToken(req: SimRequest): number {
  const raw = req.query.get('$skiptoken');
  if (raw === null) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(raw.replace(/^RFNwdAIAAQAAA/, ''), 'base64url').toString('utf8')) as { p?: unknown; o?: unknown };
    if (parsed.p === req.path.toLowerCase() && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw new GraphQueryError('Request_BadRequest', "The specified page token value has expired or is invalid. Please restart the query without a '$skiptoken'.");
}

/** Absolute nextLink on this simulator's origin, keeping every other query option. */
export function nextLink(req: SimRequest, origin: string, offset: number): string {
  const params = new URLSearchParams(req.query);
  params.delete('$skiptoken');
  params.set('$skiptoken', encodeSkipToken(req.path, offset));
  return `${origin}/graph${req.path}?${params.toString().replace(/%24/g, '$')}`;
}
