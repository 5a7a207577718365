import type { ResponseHeaders } from './transport';

/**
 * The ids Microsoft puts on its answers, which its support asks for when a call failed:
 * Graph's `request-id` and `client-request-id` (the latter echoes ours, or repeats request-id), and
 * Dataverse's `x-ms-service-request-id`. Only id-shaped values are kept (letters, digits, `-`,
 * `_`, `.`, `:` and the comma Dataverse puts between two ids), so a header cannot smuggle text
 * into logs or telemetry.
 */
export interface RequestIds {
  requestId?: string;
  clientRequestId?: string;
  serviceRequestId?: string;
}

const HEADERS: readonly (readonly [keyof RequestIds, string])[] = [
  ['requestId', 'request-id'],
  ['clientRequestId', 'client-request-id'],
  ['serviceRequestId', 'x-ms-service-request-id'],
];

const ID_SHAPED = /^[A-Za-z0-9._:-]+(, ?[A-Za-z0-9._:-]+)*$/;

export function requestIdsOf(headers: ResponseHeaders | null | undefined): RequestIds {
  const ids: RequestIds = {};
  if (!headers) return ids;
  for (const [key, header] of HEADERS) {
    const value = headers.get(header)?.trim();
    if (value && value.length <= 200 && ID_SHAPED.test(value)) ids[key] = value;
  }
  return ids;
}
