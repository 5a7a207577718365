import type { SimResponse } from '../types';

/** Dataverse Web API error envelope `{ error: { code: '0x…', message } }` (§3.1). */
export function dataverseError(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}

/** Thrown while reading a query; the handler turns it into the error response. */
export class DataverseQueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const QUERY_ERROR_CODE = '0x80060888';

export function queryError(message: string): DataverseQueryError {
  return new DataverseQueryError(400, QUERY_ERROR_CODE, message);
}

export function unknownProperty(property: string, typeName: string): DataverseQueryError {
  return queryError(`Could not find a property named '${property}' on type 'Microsoft.Dynamics.CRM.${typeName}'.`);
}
