import type { Deps } from './deps';
import type { Access, AnyCardAction, AnyTextCommand, Feature } from './routes';
import type { Caller, CardActionResult, Turn } from './turn';
import { invalidInput } from '../errors';
import { collapseSpaces, editDistance, MAX_MESSAGE_CHARS, normalise, sanitise } from './text';
import type { GuardedRoute } from '../security/guard';

/**
 * THE access hook. Every route runs through it before its handler; it throws AppError('auth.forbidden')
 * to refuse. composeApp passes the security guard's (authorizeRoute in src/security/guard.ts); this
 * default, for routers built bare in tests, allows everyone.
 */
export type Authorize = (caller: Caller, access: Access, deps: Deps) => Promise<void>;
export const authorize: Authorize = async () => undefined;

/** Built-in verb behind example buttons (welcome and help cards): runs `data.text` as if it had been typed. */
export const RUN_COMMAND_VERB = 'command.run';

export interface Router {
  readonly commands: readonly AnyTextCommand[];
  /** Runs the first command whose parser accepts the text, else answers with the closest commands. */
  handleText(turn: Turn, text: string): Promise<void>;
  /** Runs the card action named by `verb`; unknown verbs and malformed data are refused with a clear message. */
  handleAction(turn: Turn, verb: unknown, data: unknown): Promise<CardActionResult>;
}

/**
 * Wraps every routed handler: authorises with `authorize`, then runs it. composeApp passes the
 * security guard (src/security/guard.ts: roles, per-caller limits, audit trail); the default only
 * authorises, for routers built directly in unit tests.
 */
export type RouteGuard = <T>(turn: Turn, route: GuardedRoute, deps: Deps, authorize: Authorize, run: () => Promise<T>) => Promise<T>;

const authorizeThenRun: RouteGuard = async (turn, route, deps, check, run) => {
  await check(turn.caller, route.access, deps);
  return run();
};

export interface RouterOptions {
  authorize?: Authorize;
  guard?: RouteGuard;
}

export function createRouter(features: readonly Feature[], deps: Deps, options: RouterOptions = {}): Router {
  const check = options.authorize ?? authorize;
  const guard = options.guard ?? authorizeThenRun;
  const commands = features.flatMap((f) => f.commands);
  const actions = new Map<string, AnyCardAction>();
  for (const action of features.flatMap((f) => f.actions)) {
    if (actions.has(action.verb) || action.verb === RUN_COMMAND_VERB) throw new Error(`Card verb "${action.verb}" is registered twice`);
    actions.set(action.verb, action);
  }

  async function handleText(turn: Turn, text: string): Promise<void> {
    if (text.length > MAX_MESSAGE_CHARS) {
      turn.log.info({ length: text.length }, 'message too long to parse');
      await turn.reply(tooLong(text.length));
      return;
    }
    const input = collapseSpaces(sanitise(text));
    if (input === '') {
      await turn.reply('Type **help** to see what I can do.');
      return;
    }
    for (const command of commands) {
      const params: unknown = command.parse(input);
      if (params === null || params === undefined) continue;
      turn.log.info({ command: command.name }, 'command');
      const route = { kind: 'command' as const, name: command.name, access: command.access, expensive: command.expensive === true, params, input };
      await guard(turn, route, deps, check, () => command.run(turn, params, deps));
      return;
    }
    await turn.reply(notUnderstood(input, commands));
  }

  async function handleAction(turn: Turn, verb: unknown, data: unknown): Promise<CardActionResult> {
    if (typeof verb !== 'string' || verb === '') throw invalidInput('That button did not say what to do, so I did nothing. Type **help** to see what I can do.');
    if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
      throw invalidInput('That button sent data I could not read, so I did nothing.');
    }
    const fields = sanitiseStrings((data ?? {}) as Record<string, unknown>);
    if (verb === RUN_COMMAND_VERB) {
      if (typeof fields.text !== 'string' || fields.text.trim() === '') throw invalidInput('That button did not say which command to run, so I did nothing.');
      await handleText(turn, fields.text);
      return undefined;
    }
    const action = actions.get(verb);
    if (!action) {
      throw invalidInput(`I don't know the button action "${verb.slice(0, 60)}", so I did nothing. The card may come from an older version of the bot: type **help** to start again.`);
    }
    turn.log.info({ verb }, 'card action');
    // The clicking user is authorised before the data is even parsed.
    const route = { kind: 'action' as const, name: verb, access: action.access, expensive: action.expensive === true, input: fields };
    return guard(turn, route, deps, check, async () => action.run(turn, action.parse(fields) as unknown, deps));
  }

  return { commands, handleText, handleAction };
}

const tooLong = (length: number) =>
  `That message is too long for me (${length.toLocaleString('en-US')} characters). I read at most ${MAX_MESSAGE_CHARS.toLocaleString('en-US')}: send one command at a time, e.g. \`sync Financial Coordinators to UAT\`, or type **help**.`;

/** Card data is as untrusted as typed text: its top-level strings get the same cleaning. */
function sanitiseStrings(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, typeof value === 'string' ? sanitise(value) : value]));
}

// Ranking looks at the start of a message only: enough to recognise a command, bounded in cost.
const RANKED_WORDS = 6;
const RANKED_CHARS = 80;

/** "I didn't understand …" with the (at most three) commands whose words or examples are closest to the text. */
export function notUnderstood(input: string, commands: readonly AnyTextCommand[]): string {
  const said = normalise(input);
  const start = said.split(' ').slice(0, RANKED_WORDS).join(' ').slice(0, RANKED_CHARS);
  const ranked = commands
    .map((command) => ({ command, distance: closeness(start, command) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3);
  const shown = said.length > 80 ? `${said.slice(0, 77)}...` : said;
  const suggestions = ranked.map(({ command }) => `- \`${command.examples[0] ?? command.usage}\` (${command.summary})`);
  return [`I didn't understand "${shown}". The closest commands I know:`, ...suggestions, 'Type **help** for the full list.'].join('\n');
}

function closeness(said: string, command: AnyTextCommand): number {
  const candidates = [command.name, usageWords(command.usage), ...command.examples].map(normalise).filter((c) => c !== '');
  const firstWord = said.split(' ')[0] ?? '';
  return Math.min(
    ...candidates.map((candidate) => {
      const whole = editDistance(said, candidate) / Math.max(said.length, candidate.length, 1);
      const leading = editDistance(firstWord, candidate.split(' ')[0] ?? '') / Math.max(firstWord.length, 1);
      return Math.min(whole, leading + 0.25);
    }),
  );
}

/** `sync <group or users> to <environment>` → `sync to` */
function usageWords(usage: string): string {
  return collapseSpaces(usage.replace(/<[^>]*>|\[[^\]]*\]/g, ' '));
}
