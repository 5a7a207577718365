import { HELP_GROUPS, type HelpGroup, type RequestFamily } from '../../app/request-families';
import { tryItText } from '../../app/request-families';
import type { AnyTextCommand } from '../../app/routes';
import { RUN_COMMAND_VERB } from '../../app/run-command';
import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';

export interface HelpView {
  /** The commands the caller may use, in table order. */
  commands: readonly AnyTextCommand[];
  families: readonly RequestFamily[];
  demoTenant: string;
  /** A line under the title ('' for none), e.g. that the caller's role could not be checked. */
  note: string;
}

const groupOf = (command: AnyTextCommand, families: readonly RequestFamily[]): HelpGroup | 'other' =>
  families.find((f) => f.answer.kind === 'commands' && f.answer.commands.includes(command.name))?.group ?? 'other';

/**
 * Help from the command and request-family tables: the caller's commands grouped (ask, fix, watch,
 * admin), each usage shown verbatim (placeholders such as <person> are text, not markup) with a
 * "Try it" button, and the requests the bot answers with where they are done.
 */
export function helpCard(view: HelpView): AdaptiveCard {
  const groups = [...HELP_GROUPS, { group: 'other' as const, title: 'More' }]
    .map(({ group, title }) => ({
      title,
      commands: view.commands
        .filter((c) => groupOf(c, view.families) === group)
        .map((c) => ({ usage: c.usage, summary: c.summary, tryIt: tryItText(c, view.families) ?? '' })),
    }))
    .filter((g) => g.commands.length > 0);
  const declined = [...new Set(view.families.filter((f) => f.answer.kind === 'decline' && f.id !== 'out-of-scope').map((f) => f.title.toLowerCase()))];
  const elsewhere = declined.length > 0 ? `Ask me about ${declined.join(', ')} too: I'll tell you where that is done.` : '';
  return renderCard('help', { demoTenant: view.demoTenant, note: view.note, groups, elsewhere, verb: RUN_COMMAND_VERB });
}
