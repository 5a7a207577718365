import type { TextCommand } from '../../app/routes';
import type { Deps } from '../../app/deps';
import type { Turn } from '../../app/turn';
import { normalise } from '../../app/text';
import { demoTenantLabel } from '../../cards/demo-tenant';
import { welcomeCard } from './welcome.card';

const GREETINGS = new Set(['hi', 'hello', 'hey', 'start', 'welcome', 'get started']);

/** Sent when the bot is installed or added to a team, and when someone says hello. */
export async function sendWelcome(turn: Turn, deps: Pick<Deps, 'config'>): Promise<void> {
  await turn.replyCard(welcomeCard(demoTenantLabel(deps.config)));
}

export const welcomeCommand: TextCommand<Record<string, never>> = {
  name: 'hello',
  usage: 'hello',
  summary: 'Show the welcome card with a few things to try.',
  examples: ['hello'],
  access: 'anyone',
  parse: (text) => (GREETINGS.has(normalise(text)) ? {} : null),
  run: (turn, _params, deps) => sendWelcome(turn, deps),
};
