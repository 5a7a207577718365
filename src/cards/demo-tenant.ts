import type { Config } from '../config';

/** "Demo tenant: Contoso (simulated)" when running against the simulator, '' against real Microsoft services. */
export function demoTenantLabel(config: Pick<Config, 'dataSource' | 'simulator'>): string {
  if (config.dataSource !== 'simulated') return '';
  return `Demo tenant: ${config.simulator.tenantName ?? 'unnamed'} (simulated)`;
}
