import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';

export interface Choice {
  title: string;
  /** The sync command to run when picked, with the exact id in place of the ambiguous name. */
  text: string;
}

export function syncChooseCard(question: string, choices: Choice[], more: boolean): AdaptiveCard {
  return renderCard('sync-choose', { question, choices, more: more ? 'There are more matches: type a longer name or the email address.' : '' });
}
