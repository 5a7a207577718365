/**
 * OData helpers shared by the gateways (and by anyone who builds a Graph or Dataverse query).
 * A string literal doubles its single quotes (OData ABNF `SQUOTE-in-string`); the caller still
 * percent-encodes the whole query value with encodeURIComponent.
 */
/** Deliberately narrower than RFC 5322: what Entra accepts in a UPN or mail (no quotes, spaces or slashes). */
const UPN = /^[A-Za-z0-9.!#$%&*+=?^_`{|}~'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** The value as a quoted OData string literal: O'Brien → 'O''Brien'. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function looksLikeUpn(value: string): boolean {
  return value.length <= 113 && UPN.test(value);
}

/** Builds `?a=1&b=2` with every value percent-encoded (RFC 3986). Keys are ours and left as they are. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
