import type { AdaptiveCard } from '../../app/turn';
import { RUN_COMMAND_VERB } from '../../app/router';
import { renderCard } from '../../cards/render';

/** The commands offered as buttons on the welcome card. */
export const WELCOME_EXAMPLES = ["why can't Jane access UAT", 'sync Financial Coordinators to UAT', 'environments'] as const;

/** Welcome card: who the bot is, the demo-tenant banner (or ''), and example commands as buttons. */
export function welcomeCard(demoTenant: string): AdaptiveCard {
  return renderCard('welcome', {
    demoTenant,
    examples: WELCOME_EXAMPLES.map((text) => ({ verb: RUN_COMMAND_VERB, text })),
  });
}
