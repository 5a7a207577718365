import { graphError } from '../surface-errors';
import type { SimRequest, SimResponse } from '../types';

const crid = (req: SimRequest): string | undefined => req.headers['client-request-id'];

export const badRequest = (req: SimRequest, message: string): SimResponse => graphError(400, 'BadRequest', message, crid(req));
export const requestBadRequest = (req: SimRequest, message: string): SimResponse => graphError(400, 'Request_BadRequest', message, crid(req));
export const unsupportedQuery = (req: SimRequest, message: string): SimResponse => graphError(400, 'Request_UnsupportedQuery', message, crid(req));
export const resourceNotFound = (req: SimRequest, id: string): SimResponse =>
  graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`, crid(req));
export const accessDenied = (req: SimRequest): SimResponse => graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', crid(req));
export const methodNotAllowed = (req: SimRequest): SimResponse =>
  graphError(405, 'Request_BadRequest', `Specified HTTP method is not allowed for the request target.`, crid(req));
export const segmentNotFound = (req: SimRequest, segment: string): SimResponse => graphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`, crid(req));

/** A handler-level failure carried as a value so parsers can stay pure. */
export class GraphQueryError extends Error {
  constructor(
    readonly code: 'BadRequest' | 'Request_BadRequest' | 'Request_UnsupportedQuery',
    message: string,
  ) {
    super(message);
  }
}

export function fromQueryError(req: SimRequest, err: unknown): SimResponse {
  if (err instanceof GraphQueryError) return graphError(400, err.code, err.message, crid(req));
  throw err;
}

export function isEventual(req: SimRequest): boolean {
  return (req.headers.consistencylevel ?? '').toLowerCase() === 'eventual';
}
