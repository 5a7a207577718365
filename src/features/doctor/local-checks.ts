import type { Config } from '../../config';
import type { Store } from '../../store/db';
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

/** The store's own write probe (it changes nothing) and where the store is (never a password). */
export async function storeCheck(store: Pick<Store, 'kind' | 'location' | 'checkWritable'>): Promise<DoctorCheck> {
  const title = 'Store';
  try {
    await store.checkWritable();
  } catch (error) {
    // The driver's error may come from another realm (instanceof Error fails there): read its message.
    const reason = typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : String(error);
    return {
      id: 'store',
      status: 'fail',
      title,
      detail: `Not writable (${reason}): sync jobs, confirmations and the audit trail cannot be saved in ${store.location}.`,
      fix:
        store.kind === 'sqlite'
          ? "Point STORE_PATH at a file the bot's process can write, on persistent storage (on App Service: /home/data/bot.sqlite)."
          : 'Check DATABASE_URL: the PostgreSQL server must be reachable and its user allowed to write to the database.',
    };
  }
  return passed('store', title, `Writable: ${store.location}.`);
}
