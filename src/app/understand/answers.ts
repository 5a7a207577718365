import type { Deps } from '../deps';
import { resolveEnvironment } from '../../domain/resolve';
import { environmentReference } from '../../domain/resolve/resolve-environment';
import { nicknameMatches } from '../../domain/resolve/environment-nicknames';
import type { Environment } from '../../gateways/types';
import { topicLabel } from '../declines';
import type { RequestFamily, Suggestion } from '../request-families';
import { tryItText } from '../request-families';
import type { AnyTextCommand } from '../routes';
import { truncate } from '../text';
import type { AdaptiveCard } from '../turn';
import { closestCommands } from './closest-commands';
import { commandWords, correctFirstWord } from './near-miss';
import { mayBeFamily, recogniseFamily, requestText, type Recognised } from './recognise-family';
import { declineCard, suggestionsCard } from './reply-cards';

export interface UnderstandingOptions {
  commands: readonly AnyTextCommand[];
  families: readonly RequestFamily[];
  deps: Pick<Deps, 'config'>;
  /** The tenant's environments (for links and "is this an environment?"); empty when they cannot be read. */
  environments(): Promise<readonly Environment[]>;
}

export interface Understanding {
  /** Whether a family that is checked before the commands may match (a request of its own, for dialogs). */
  mayPreempt(input: string): boolean;
  /** The answer to a declined request a command parser would misread ("check who has access to UAT"), or null. */
  preempt(input: string): Promise<AdaptiveCard | null>;
  /** The answer to text no command parsed: a near miss, a family's answer, small talk, or the closest commands. */
  answer(input: string): Promise<AdaptiveCard>;
}

/** Longer text is a sentence, not an environment's name. */
const MAX_ENVIRONMENT_WORDS = 4;

const STARTERS: Suggestion[] = [
  { title: 'Check someone', text: 'check access' },
  { title: 'List the environments', text: 'environments' },
  { title: 'Show what I can do', text: 'help' },
];

/** The reading of messages the command table did not take, from the request-family table. */
export function createUnderstanding(options: UnderstandingOptions): Understanding {
  const preempting = options.families.filter((f) => f.preempts === true);
  const words = commandWords(options.commands);
  const parses = (text: string) => options.commands.some((c) => c.parse(text) !== null && c.parse(text) !== undefined);

  async function isEnvironment(name: string): Promise<boolean> {
    const found = resolveEnvironment(name, await options.environments());
    return found.kind === 'found' || found.kind === 'ambiguous';
  }

  async function answerFamily({ family, named }: Recognised): Promise<AdaptiveCard> {
    const { answer } = family;
    if (answer.kind === 'decline') {
      const environments = named.environment ? await options.environments() : [];
      const found = named.environment ? resolveEnvironment(named.environment, environments) : null;
      return declineCard(answer.decline, answer.decline.nearby(named), {
        cloud: options.deps.config.microsoft.cloud.name,
        environment: found?.kind === 'found' ? found.value : null,
        topic: topicLabel(named.topic),
      });
    }
    if (answer.kind === 'chat') return suggestionsCard(answer.reply, STARTERS);
    const suggestions = answer.suggest?.(named) ?? [];
    const fallback = answer.commands
      .map((name) => options.commands.find((c) => c.name === name))
      .flatMap((command) => (command ? [tryItText(command, options.families)] : []))
      .flatMap((text) => (text ? [{ title: text, text }] : []));
    const offered = suggestions.length > 0 ? suggestions : fallback;
    return suggestionsCard(offered.length === 1 ? `Did you mean: ${offered[0]?.title ?? ''}?` : 'Did you mean one of these?', offered, `(${family.title})`);
  }

  /** "uat env", "the finance sandbox": an environment on its own, with what can be done there. */
  async function environmentAlone(text: string): Promise<AdaptiveCard | null> {
    if (text.split(' ').length > MAX_ENVIRONMENT_WORDS) return null;
    const environments = await options.environments();
    const found = resolveEnvironment(text, environments);
    const named = found.kind === 'found' ? [found.value] : found.kind === 'ambiguous' ? found.candidates : nicknameMatches(text, environments);
    const [only] = named;
    const ref = (e: Environment) => environmentReference(e, environments);
    if (named.length === 1 && only) {
      const name = only.displayName;
      return suggestionsCard(`${name}: what should I do there?`, [
        { title: `Check someone in ${name}`, text: `someone can't access ${ref(only)}` },
        { title: `Sync people into ${name}`, text: `sync to ${ref(only)}` },
        { title: `Audit trail of ${name}`, text: `audit env ${name}` },
      ]);
    }
    if (named.length === 0) return null;
    return suggestionsCard('I can check someone there. Which environment do you mean?', named.map((e) => ({ title: `Check someone in ${e.displayName}`, text: `someone can't access ${ref(e)}` })));
  }

  function notUnderstood(input: string): AdaptiveCard {
    // Commands without a safe example to run (a job id, a watch) are not offered as buttons.
    const runnable = options.commands.filter((command) => tryItText(command, options.families) !== null);
    const closest = closestCommands(input, runnable).map((command) => {
      const text = tryItText(command, options.families) ?? command.usage;
      return { title: text, text };
    });
    // The lead is a TextRun: it renders no markdown, so the typed text goes as it was (suggestionsCard strips invisible characters).
    return suggestionsCard(`I didn't understand "${truncate(input, 80)}".`, closest, 'The closest things I can do are below. Type **help** for everything.');
  }

  return {
    mayPreempt: (input) => mayBeFamily(requestText(input), preempting),
    async preempt(input) {
      const recognised = await recogniseFamily(requestText(input), preempting, isEnvironment);
      // a served family pre-empts only to keep a later family from claiming its sentence: its commands run
      return recognised && recognised.family.answer.kind !== 'commands' ? answerFamily(recognised) : null;
    },
    async answer(input) {
      const text = requestText(input);
      // A typo in the first word that leaves a whole command is the strongest reading ("sycn Jane to UAT"),
      // then the sentence as typed, then the corrected one ("remvoe Jane from UAT").
      const corrections = correctFirstWord(text, words);
      const command = corrections.find(parses);
      if (command) return suggestionsCard(`Did you mean: ${command}?`, [{ title: command, text: command }]);
      for (const candidate of [text, ...corrections]) {
        const recognised = await recogniseFamily(candidate, options.families, isEnvironment);
        if (recognised) return answerFamily(recognised);
      }
      return (await environmentAlone(text)) ?? notUnderstood(input);
    },
  };
}
