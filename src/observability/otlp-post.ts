export interface PostOptions {
  fetch?: typeof fetch;
  timeoutMs: number;
}

/**
 * POSTs one OTLP/JSON request. Resolves with null on success, else a short description of the
 * problem (status or error name) that is safe to log: no body, no URL.
 */
export async function postOtlp(url: string, body: unknown, options: PostOptions): Promise<string | null> {
  const send = options.fetch ?? fetch;
  try {
    const response = await send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.name : 'network error';
  }
}
