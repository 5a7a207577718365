/** A query string as Microsoft's services write links: `$`-options left readable, values percent-encoded. */
export function odataQueryString(params: URLSearchParams): string {
  return [...params].map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
}
