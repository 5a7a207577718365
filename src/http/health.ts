import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config';
import type { Store } from '../store/db';
import type { HealthReport } from './server';

/** The version in package.json (read once; works from src/ and dist/). */
export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

/** A cheap /healthz: no calls to Microsoft, one trivial store query. */
export function createHealth(config: Pick<Config, 'dataSource'>, storeOf: Pick<Store, 'health'>, version = appVersion()): () => Promise<HealthReport> {
  return async () => {
    const store = await storeOf.health();
    return { status: store.ok ? 'ok' : 'degraded', version, dataSource: config.dataSource, store: { ok: store.ok, schemaVersion: store.schemaVersion } };
  };
}
