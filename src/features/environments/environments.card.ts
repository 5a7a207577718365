import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { EnvironmentRow } from './list-environments';

const STATE_COLOR: Record<string, string> = { Enabled: 'Good', AdminMode: 'Warning', Disabled: 'Attention' };

/** The environments table: name, type, Dataverse yes/no, security group name, state. */
export function environmentsCard(rows: readonly EnvironmentRow[], tenantLabel: string): AdaptiveCard {
  return renderCard('environments', {
    tenantLabel: tenantLabel || `${rows.length} environment${rows.length === 1 ? '' : 's'}`,
    environments: rows.map((row) => ({
      name: row.name,
      type: row.isDefault && row.type !== 'Default' ? `${row.type} (default)` : row.type,
      dataverse: row.dataverse ? 'Yes' : 'No',
      securityGroup: row.dataverse ? row.securityGroup : '-',
      state: row.state === 'AdminMode' ? 'Admin mode' : row.state,
      stateColor: STATE_COLOR[row.state] ?? 'Default',
    })),
  });
}
