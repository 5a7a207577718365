import { renderCard } from '../../cards/render';
import { ADMIN_CENTER_NAMES, adminCenterLink } from '../admin-centers';
import type { Decline } from '../declines';
import type { Suggestion } from '../request-families';
import { RUN_COMMAND_VERB } from '../run-command';
import { stripInvisible, truncate } from '../text';
import type { AdaptiveCard } from '../turn';
import type { CloudName } from '../../gateways/auth/clouds';
import type { Environment } from '../../gateways/types';

const MAX_TITLE = 60;
const MAX_BUTTONS = 5;

/** Buttons show what they run; text a person typed in them loses invisible characters and stays short. */
function buttons(suggestions: readonly Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return suggestions
    .filter((s) => !seen.has(s.text) && seen.add(s.text))
    .slice(0, MAX_BUTTONS)
    .map((s) => ({ title: truncate(stripInvisible(s.title), MAX_TITLE), text: s.text }));
}

/**
 * A sentence and the requests it may have meant, as buttons. `lead` is shown verbatim (it may
 * quote what the person typed); `note` is the bot's own Markdown.
 */
export function suggestionsCard(lead: string, suggestions: readonly Suggestion[], note = ''): AdaptiveCard {
  return renderCard('suggestions', { lead: truncate(stripInvisible(lead), 300), note, verb: RUN_COMMAND_VERB, choices: buttons(suggestions) });
}

export interface DeclineContext {
  cloud: CloudName;
  /** The environment the sentence named, when the tenant has it. */
  environment: Environment | null;
  /** Fills `{topic}` (out-of-scope requests). */
  topic: string;
}

/** What the bot can't do, where it is done (links the bot builds, never from the message), and what it can do instead. */
export function declineCard(decline: Decline, nearby: readonly Suggestion[], context: DeclineContext): AdaptiveCard {
  const environmentName = context.environment?.displayName ?? 'the environment';
  const environmentId = context.environment?.id ?? '<environment id>';
  return renderCard('decline', {
    cant: decline.cant.replace('{topic}', context.topic),
    because: decline.because ?? '',
    places: decline.places.map((place) => {
      const name = ADMIN_CENTER_NAMES[place.center];
      const link = adminCenterLink(context.cloud, place.center, place.environmentPage ? context.environment?.id : null);
      return { site: link ? `[${name}](${link})` : name, path: place.path.replace('{environment}', environmentName) };
    }),
    shell: decline.shell.map((s) => ({ label: s.label, command: s.command.replace('{environmentId}', environmentId) })),
    verb: RUN_COMMAND_VERB,
    nearby: buttons(nearby),
  });
}
