import { ExpiringCache } from '../../src/gateways/expiring-cache';

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: Error): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('ExpiringCache', () => {
  it('keeps a read for its lifetime, shares it while in flight, and reads again after it', async () => {
    let now = 0;
    let loads = 0;
    const cache = new ExpiringCache<number>(60_000, () => now);
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual([1, 1]);
    now = 59_999;
    expect(await cache.get('k', load)).toBe(1);
    now = 60_000;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('forgets a failed read, but a stale read that fails after a fresh one replaced it leaves the fresh one kept', async () => {
    const cache = new ExpiringCache<string>(60_000, () => 0);
    const stale = deferred<string>();
    const fresh = deferred<string>();
    const first = cache.get('apps', () => stale.promise);
    const second = cache.get('apps', () => fresh.promise, { fresh: true });
    fresh.resolve('new list');
    await expect(second).resolves.toBe('new list');
    stale.reject(new Error('503'));
    await expect(first).rejects.toThrow('503');
    let loads = 0;
    await expect(cache.get('apps', async () => `load ${++loads}`)).resolves.toBe('new list');
    expect(loads).toBe(0);

    const failing = cache.get('skus', () => Promise.reject(new Error('429')));
    await expect(failing).rejects.toThrow('429');
    await expect(cache.get('skus', async () => 'skus')).resolves.toBe('skus');
  });
});
