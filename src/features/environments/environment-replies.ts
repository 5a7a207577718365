import type { Environment } from '../../gateways/types';
import { inert } from '../../app/text';
import type { AdaptiveCard, Turn } from '../../app/turn';
import { suggestionsCard } from '../../app/understand/reply-cards';

/** "I can't find an environment called …", with the nearest names or a pointer to the list. */
export function environmentNotFound(typed: string, suggestions: readonly Environment[]): string {
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((e) => e.displayName).join(', ')}?` : ' Type **environments** to see them all.';
  return `I can't find an environment called "${typed}".${hint}`;
}

/** The words for an environment that cannot take a sync at all. */
export const noDataverse = (environment: Environment): string =>
  `${environment.displayName} has no Dataverse database, so nobody can be synced into it.`;

/**
 * "I can't find an environment called …" with each near name (or nickname) as a button that runs
 * the same request there (`request(name or id)`); the plain sentence when there is nothing near.
 */
export async function replyEnvironmentNotFound(turn: Turn, typed: string, suggestions: readonly Environment[], request: (environment: string) => string): Promise<void> {
  if (suggestions.length === 0) {
    await turn.reply(environmentNotFound(inert(typed), suggestions));
    return;
  }
  await turn.replyCard(environmentChoices(`I can't find an environment called "${typed}". Did you mean:`, suggestions, request));
}

/** A question about environments, each a button that runs `request` with that environment's id (the title shows its name). */
export function environmentChoices(lead: string, environments: readonly Environment[], request: (environment: string) => string): AdaptiveCard {
  return suggestionsCard(lead, environments.map((e) => ({ title: request(e.displayName), text: request(e.id) })));
}
