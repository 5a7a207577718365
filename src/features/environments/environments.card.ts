import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { EnvironmentRow } from './list-environments';

/** The state with an icon (colour alone never says it): ✅ Enabled, ⚠️ Admin mode, ⛔ Disabled. */
const STATE: Record<string, string> = { Enabled: '✅ Enabled', AdminMode: '⚠️ Admin mode', Disabled: '⛔ Disabled' };

/**
 * Rows the card shows; beyond them one line says how many more and where to see them. Each row costs
 * about 1.1 KB of the 80 KB Teams allows (70 rows of 45-character names measured 79.4 KB), so 50
 * leaves room for long names.
 */
export const ENVIRONMENTS_MAX_ROWS = 50;

function moreLine(hidden: number): string {
  if (hidden <= 0) return '';
  return `…and ${hidden} more environment${hidden === 1 ? '' : 's'}, not shown here. For all of them run \`npm run cli -- environments --json\`.`;
}

/**
 * The environments list: per environment its name, then type, Dataverse and security group on one line
 * below it, and the state beside it. Two columns only, so no word is squeezed into a narrow cell.
 */
export function environmentsCard(rows: readonly EnvironmentRow[], tenantLabel: string): AdaptiveCard {
  return renderCard('environments', {
    tenantLabel: tenantLabel || `${rows.length} environment${rows.length === 1 ? '' : 's'}`,
    more: moreLine(rows.length - ENVIRONMENTS_MAX_ROWS),
    environments: rows.slice(0, ENVIRONMENTS_MAX_ROWS).map((row) => ({
      name: row.name,
      details: [
        row.isDefault && row.type !== 'Default' ? `${row.type} (default)` : row.type,
        row.dataverse ? `security group: ${row.securityGroup}` : 'no Dataverse',
      ].join(' · '),
      state: STATE[row.state] ?? row.state,
    })),
  });
}
