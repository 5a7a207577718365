import type { AnyTextCommand } from '../../app/routes';
import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';

/** Help generated from the command table: usage, one-line summary and the first example of each command. */
export function helpCard(commands: readonly AnyTextCommand[], demoTenant: string): AdaptiveCard {
  return renderCard('help', {
    demoTenant,
    commands: commands.map((c) => ({ usage: c.usage, summary: c.summary, example: c.examples[0] ?? c.usage })),
  });
}
