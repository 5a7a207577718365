import type { Database } from 'better-sqlite3';
import type { Config } from '../../config';
import { storeHealth } from '../../store/db';
import { passed, type DoctorCheck } from './doctor-report';

/** Configuration: the start-up validation of src/config.ts, which the bot passed to be running, or its problems. */
export function configCheck(problems: string | null): DoctorCheck {
  if (problems === null) return passed('config', 'Configuration', 'Valid: every setting passed the start-up checks.');
  return { id: 'config', status: 'fail', title: 'Configuration', detail: problems, fix: 'Fix the settings listed (.env.example documents every key), then run doctor again.' };
}

export function dataSourceCheck(config: Pick<Config, 'dataSource' | 'tenantId' | 'simulator'>): DoctorCheck {
  const title = 'Data source';
  if (config.dataSource === 'live') return passed('data-source', title, `Live: the Microsoft tenant ${config.tenantId}.`);
  return {
    id: 'data-source',
    status: 'warn',
    title,
    detail: `Simulated: the bot answers from the demo tenant "${config.simulator.tenantName ?? 'unnamed'}", not from a Microsoft tenant.`,
    fix: 'To use your tenant, set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH, or AZURE_USE_MANAGED_IDENTITY=true): docs/deploy.md step 2.',
  };
}

export function versionCheck(version: string): DoctorCheck {
  return passed('version', 'Bot version', `${version} on Node ${process.version}.`);
}

/** What the store check needs: a write probe that changes nothing, and where the store is (never a password). */
export interface WritableStore {
  readonly location: string;
  checkWritable(): Promise<void>;
}

export async function storeCheck(store: WritableStore): Promise<DoctorCheck> {
  const title = 'Store';
  try {
    await store.checkWritable();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      id: 'store',
      status: 'fail',
      title,
      detail: `Not writable (${reason}): sync jobs, confirmations and the audit trail cannot be saved in ${store.location}.`,
      fix: 'Point STORE_PATH at a file the bot\'s process can write, on persistent storage (on App Service: /home/data/bot.sqlite).',
    };
  }
  return passed('store', title, `Writable: ${store.location}.`);
}

const ROLL_BACK = new Error('doctor: roll back the write probe');

/** A SQLite store's write probe: a table created inside a transaction that is always rolled back. */
export function sqliteStore(db: Database, path: string): WritableStore {
  return {
    location: `SQLite ${path} (schema version ${storeHealth(db).schemaVersion ?? 'none'})`,
    async checkWritable() {
      try {
        db.transaction(() => {
          db.prepare('CREATE TABLE doctor_write_probe (checked_at INTEGER)').run();
          throw ROLL_BACK;
        })();
      } catch (error) {
        if (error !== ROLL_BACK) throw error;
      }
    },
  };
}
