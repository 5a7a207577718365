import { cachedTokenProvider, type IssuedToken } from '../../src/gateways/auth/token-cache';
import { AppError } from '../../src/errors';

const HOUR = 60 * 60 * 1000;
const GRAPH = 'https://graph.microsoft.com/.default';
const BAP = 'https://service.powerapps.com/.default';

function countingSource(lifetimeMs: number, now: () => number) {
  const calls: string[] = [];
  const source = async (scope: string): Promise<IssuedToken> => {
    calls.push(scope);
    await new Promise((resolve) => setImmediate(resolve));
    return { token: `${scope}#${calls.length}`, expiresOnMs: now() + lifetimeMs };
  };
  return { calls, source };
}

describe('cachedTokenProvider', () => {
  it('when many callers ask at once for the same scope, then one token is fetched and shared', async () => {
    const clock = 0;
    const { calls, source } = countingSource(HOUR, () => clock);
    const provider = cachedTokenProvider(source, () => clock);

    const tokens = await Promise.all(Array.from({ length: 20 }, () => provider.getToken(GRAPH)));

    expect(calls).toEqual([GRAPH]);
    expect(new Set(tokens)).toEqual(new Set([`${GRAPH}#1`]));
  });

  it('when scopes differ, then each scope gets its own token', async () => {
    const clock = 0;
    const { calls, source } = countingSource(HOUR, () => clock);
    const provider = cachedTokenProvider(source, () => clock);

    const graph = await provider.getToken(GRAPH);
    const bap = await provider.getToken(BAP);
    await provider.getToken(GRAPH);

    expect(graph).not.toBe(bap);
    expect(calls).toEqual([GRAPH, BAP]);
  });

  it('when the token is within 5 minutes of expiry, then a fresh one is fetched', async () => {
    let clock = 0;
    const { calls, source } = countingSource(HOUR, () => clock);
    const provider = cachedTokenProvider(source, () => clock);
    await provider.getToken(GRAPH);

    clock = HOUR - 5 * 60 * 1000 - 1;
    await provider.getToken(GRAPH);
    expect(calls).toHaveLength(1);

    clock = HOUR - 5 * 60 * 1000 + 1;
    expect(await provider.getToken(GRAPH)).toBe(`${GRAPH}#2`);
  });

  it('when the source fails, then callers get auth.token without the underlying secret, and the next call retries', async () => {
    let fail = true;
    const provider = cachedTokenProvider(async () => {
      if (fail) throw new Error('AADSTS7000215: Invalid client secret provided.');
      return { token: 'ok', expiresOnMs: Date.now() + HOUR };
    });

    const error = await provider.getToken(GRAPH).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('auth.token');
    expect((error as AppError).userMessage).toContain('https://graph.microsoft.com');
    fail = false;
    await expect(provider.getToken(GRAPH)).resolves.toBe('ok');
  });
});
