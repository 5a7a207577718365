import { randomUUID } from 'node:crypto';
import type { SimResponse } from './types';

/**
 * Dataverse answers every Web API request, errors included, with `x-ms-service-request-id`: the id
 * Microsoft support asks for. A captured response shows two GUIDs joined by a comma
 * (docs/simulated-tenant.md; the format is not documented: UNVERIFIED), and so does the simulator.
 */
export function withServiceRequestId(response: SimResponse): SimResponse {
  if (response.headers?.['x-ms-service-request-id']) return response;
  return { ...response, headers: { ...response.headers, 'x-ms-service-request-id': `${randomUUID()},${randomUUID()}` } };
}
