/**
 * The seam between features and the dialog runner (src/bot/dialogs, the only code that knows
 * botbuilder-dialogs). A feature describes a flow in plain TypeScript: the parts a request needs
 * (slots), the question for each, how an answer (a button or typed text) fills it, and the command
 * whose use case runs once the request is complete: the SAME route (authorisation, limits, audit) as
 * typing the whole request.
 */
import type { Deps } from './deps';
import type { TextCommand } from './routes';
import { collapseSpaces, MAX_NAME_CHARS } from './text';
import type { Turn } from './turn';

/** What a slot holds: the runner does not care, but people and flows read it this way. */
export type SlotKind = 'environment' | 'person' | 'group' | 'role' | 'app';

export interface QuestionChoice {
  /** The button's title, and a name a typed answer may use. */
  title: string;
  /** What the button answers (an environment id, a name…): given to `accept` as the answer. */
  value: string;
}

/** A question the bot asks: choices become buttons; a typed answer is always accepted too. */
export interface Question {
  text: string;
  choices: readonly QuestionChoice[];
  /** One line under the question, e.g. "Or type a name or email address." */
  hint?: string;
}

export type SlotAnswer<V> = { ok: true; value: V } | { ok: false; retry: Question };

export interface Slot<R, K extends keyof R & string = keyof R & string> {
  readonly key: K;
  readonly kind: SlotKind;
  /** Whether the request still lacks this part (only missing parts are asked for). */
  missing(request: Partial<R>): boolean;
  question(request: Partial<R>, deps: Deps): Promise<Question>;
  /** A clicked choice's value or typed text → the part, or the question to ask again (e.g. narrowed choices). */
  accept(answer: string, request: Partial<R>, deps: Deps): Promise<SlotAnswer<R[K]>>;
}

export interface Flow<R extends object> {
  /** Unique across features: the dialog's id. */
  readonly id: string;
  /** The command the filled request runs, through the router's guard, exactly as if typed in full. */
  readonly command: TextCommand<R>;
  /** In the order they are asked. */
  readonly slots: readonly Slot<R>[];
  /** The request once every slot is filled (defaults for the parts no slot asks for). */
  complete(request: Partial<R>): R;
  /** The request as a person would type it, so far: "sync Financial Coordinators" (for "start again" and the audit trail). */
  asText(request: Partial<R>): string;
}

/** Flows are kept in tables of different request types; the runner only passes a flow its own requests. */
export type AnyFlow = Flow<object>;

/** Widens a flow for a feature's `flows` list. */
export const anyFlow = <R extends object>(flow: Flow<R>): AnyFlow => flow as unknown as AnyFlow;

/**
 * Starts `flow` for a request that lacks parts. Where no dialog can run (a Turn without `ask`),
 * says what is missing and how to type the whole request instead.
 */
export async function askFor<R extends object>(turn: Turn, flow: Flow<R>, request: Partial<R>): Promise<void> {
  if (turn.ask) {
    await turn.ask(flow.id, request);
    return;
  }
  const missing = flow.slots.filter((slot) => slot.missing(request)).map((slot) => slot.kind);
  await turn.reply(`I need the ${missing.join(' and ')} as well. Type the whole request, e.g. \`${flow.command.examples[0] ?? flow.command.usage}\`.`);
}

export interface TextSlotOptions<R> {
  key: keyof R & string;
  kind: SlotKind;
  question(request: Partial<R>): string;
  hint?: string;
  /** Longest answer taken (default MAX_NAME_CHARS: one name). */
  maxChars?: number;
  /** Answers that name nobody ("someone", "a user"), asked again. */
  refuse?: RegExp;
}

/** A part typed as text (a person, a group, people): any non-empty answer of reasonable length; the use case resolves it. */
export function textSlot<R>(options: TextSlotOptions<R>): Slot<R> {
  const max = options.maxChars ?? MAX_NAME_CHARS;
  const ask = (request: Partial<R>, lead = ''): Question => ({ text: `${lead}${options.question(request)}`, choices: [], hint: options.hint });
  return {
    key: options.key,
    kind: options.kind,
    missing: (request) => {
      const value = request[options.key];
      return typeof value !== 'string' || value.trim() === '';
    },
    question: async (request) => ask(request),
    async accept(answer, request) {
      const typed = collapseSpaces(answer);
      if (typed === '' || options.refuse?.test(typed)) return { ok: false, retry: ask(request, 'I need a name. ') };
      if (typed.length > max) return { ok: false, retry: ask(request, `That is too long (${typed.length} characters, at most ${max}). `) };
      return { ok: true, value: typed as R[keyof R & string] };
    },
  };
}

/** Words that end the question being asked: "cancel", "stop", "never mind"… */
export const CANCEL_WORDS = /^(?:cancel|stop|quit|exit|abort|never ?mind|forget (?:it|that)|no thanks|nothing|none|start over)$/i;

export function isCancel(normalisedText: string): boolean {
  return CANCEL_WORDS.test(normalisedText);
}
