import { inert } from '../../app/text';
import type { Verdict } from '../../domain/access/diagnosis';
import type { Environment } from '../../gateways/types';
import { VERDICT } from './diagnosis.card';

/** What the everywhere card may say about one environment: a verdict only where the bot could check; else "couldn't check". */
export type Standing = Verdict | 'could-not-check';

export const COULD_NOT_CHECK = { text: "Couldn't check", icon: '❔' };

/** Rows the card lists with their reason and Details; in a bigger tenant the rest is summarised in a few lines. */
export const MATRIX_MAX_ROWS = 25;
/**
 * Characters of environment names listed behind the summary lines' "Show them" buttons, all lines together (about
 * 12 KB of the 80 KB Teams allows, counted in UTF-16); past it a line says how many more and where to see them.
 */
export const MATRIX_LISTED_CHARS = 6_000;

export const PROBLEMS_FIRST: Record<Standing, number> = { blocked: 0, 'at-risk': 1, 'could-not-check': 2, 'will-get-in-once-synced': 3, 'can-access': 4 };

type Judged = { environment: Environment; standing: Standing };
type Group = 'no-dataverse' | Standing;
/** A summary line: "✅ 154 environments where Jane Doe can get in", with the names behind a button. */
export interface RestLine {
  icon: string;
  text: string;
  button: string;
  names: string;
}

const GROUP_ORDER: readonly Group[] = ['blocked', 'at-risk', 'could-not-check', 'will-get-in-once-synced', 'no-dataverse', 'can-access'];
const NO_DATAVERSE = { text: 'No Dataverse database', icon: '🚫' };

function lineText(group: Group, count: number, listedAbove: boolean, who: string, works: string): string {
  const n = `${count}${listedAbove ? ' more' : ''} environment${count === 1 ? '' : 's'}`;
  switch (group) {
    case 'blocked':
      return `${n} where ${who} is blocked.`;
    case 'at-risk':
      return `${n} where ${who} ${works}, at risk.`;
    case 'could-not-check':
      return `${n} I couldn't check.`;
    case 'will-get-in-once-synced':
      return `${n} where ${who} will get in once synced (a sync or their first sign-in adds them).`;
    case 'no-dataverse':
      return `${n} without a Dataverse database: nobody can be added to them.`;
    case 'can-access':
      return `${n} where ${who} ${works}.`;
  }
}

/**
 * Splits the environments for the card: all of them as rows when they fit, else the problems a fix can change
 * (not environments without Dataverse) as rows, up to MATRIX_MAX_ROWS, and the rest as one line per kind, problems
 * first, each with its environments' names (within MATRIX_LISTED_CHARS, escaped: the list is Markdown) behind a button.
 * `sorted` is problems first; `who` goes into Markdown as it is (the caller escapes it).
 */
export function splitRows<T extends Judged>(sorted: readonly T[], who: string, works: string): { rows: T[]; rest: RestLine[] } {
  if (sorted.length <= MATRIX_MAX_ROWS) return { rows: [...sorted], rest: [] };
  const groupOf = (r: T): Group => (r.environment.dataverse === null && r.standing === 'blocked' ? 'no-dataverse' : r.standing);
  const rows = sorted.filter((r) => r.standing !== 'can-access' && groupOf(r) !== 'no-dataverse').slice(0, MATRIX_MAX_ROWS);
  const shown = new Set(rows);
  let budget = MATRIX_LISTED_CHARS;
  const rest = GROUP_ORDER.flatMap((group): RestLine[] => {
    const members = sorted.filter((r) => !shown.has(r) && groupOf(r) === group);
    if (members.length === 0) return [];
    const listed: string[] = [];
    for (const r of members) {
      const name = inert(r.environment.displayName);
      if (name.length + 2 > budget) break;
      budget -= name.length + 2;
      listed.push(name);
    }
    const cut = members.length - listed.length;
    const names = listed.length === 0 ? '' : `${listed.join(', ')}${cut > 0 ? `, …and ${cut} more (not listed here)` : ''}.`;
    const shownAs = group === 'no-dataverse' ? NO_DATAVERSE : group === 'could-not-check' ? COULD_NOT_CHECK : VERDICT[group];
    const listedAbove = rows.some((r) => groupOf(r) === group);
    return [{ icon: shownAs.icon, text: lineText(group, members.length, listedAbove, who, works), button: `Show ${members.length === 1 ? 'it' : `the ${members.length}`}`, names }];
  });
  return { rows, rest };
}
