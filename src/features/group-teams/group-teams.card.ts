import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import type { GroupTeamRow } from './link-group';

const MAX_ROWS = 50;

export function groupTeamsCard(environment: string, rows: readonly GroupTeamRow[]): AdaptiveCard {
  const hidden = rows.length - MAX_ROWS;
  return renderCard('group-teams', {
    title: `Group teams in ${environment}`,
    summary: rows.length === 0
      ? `No Entra group is linked to ${environment}.`
      : `${rows.length} Entra group${rows.length === 1 ? ' is' : 's are'} linked to ${environment}: their members get the team's roles once they are in ${environment} and sign in or are synced.`,
    rows: rows.slice(0, MAX_ROWS).map((row) => ({
      team: row.team,
      link: `${row.kind} ${row.group} · ${row.membership}`,
      roles: row.roles.length > 0 ? `Roles: ${row.roles.join(', ')}` : 'No role: its members get nothing from it.',
    })),
    more: hidden > 0 ? `…and ${hidden} more, not shown here. For all of them run \`npm run cli -- group-teams --env "${environment}" --json\`.` : '',
    footer: `Link another: "link <group> to ${environment} as <role>" (add "members only", "owners" or "guests" for another membership type).`,
  });
}
