import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { RolesView } from './list-roles';

/** Rows on a card: Teams shows about 28 KB of card, and a role row is small. */
export const ROLES_MAX_ROWS = 60;

export function rolesCard(view: RolesView): AdaptiveCard {
  const hidden = view.rows.length - ROLES_MAX_ROWS;
  const units = view.businessUnits.length;
  return renderCard('roles', {
    title: `Security roles in ${view.environment}`,
    summary: `${view.rows.length} role${view.rows.length === 1 ? '' : 's'} of the root business unit${units > 1 ? `; each of the ${units} business units has its own copy, and the counts add them up` : ''}. People = users given the role directly; Teams = teams that hold it.`,
    rows: view.rows.slice(0, ROLES_MAX_ROWS).map((row) => ({ name: row.name, description: row.description, people: String(row.people), teams: String(row.teams) })),
    more: hidden > 0 ? `…and ${hidden} more role${hidden === 1 ? '' : 's'}, not shown here. For all of them run \`npm run cli -- roles --env "${view.environment}" --json\`.` : '',
    footer: `Give one: "give <person> the <role> role in ${view.environment}". Link a group: "link <group> to ${view.environment} as <role>".`,
  });
}
