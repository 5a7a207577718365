import type { Deps } from './deps';
import type { AnyFlow } from './flows';
import { DIALOG_ANSWER_VERB } from './question.card';
import { REQUEST_FAMILIES, type RequestFamily } from './request-families';
import type { Access, AnyCardAction, AnyTextCommand, Feature } from './routes';
import { RUN_COMMAND_VERB } from './run-command';
import type { Caller, CardActionResult, Turn } from './turn';
import { createUnderstanding } from './understand/answers';
import { invalidInput } from '../errors';
import { tenantCache } from '../gateways/tenant-cache';
import { collapseSpaces, MAX_MESSAGE_CHARS, sanitise } from './text';
import type { GuardedRoute } from '../security/guard';

export { RUN_COMMAND_VERB } from './run-command';

/**
 * THE access hook. Every route runs through it before its handler; it throws AppError('auth.forbidden')
 * to refuse. composeApp passes the security guard's (authorizeRoute in src/security/guard.ts); this
 * default, for routers built bare in tests, allows everyone.
 */
export type Authorize = (caller: Caller, access: Access, deps: Deps) => Promise<void>;
export const authorize: Authorize = async () => undefined;

export interface Router {
  readonly commands: readonly AnyTextCommand[];
  /** The dialogs features describe (src/app/flows.ts), for the dialog runner. */
  readonly flows: readonly AnyFlow[];
  /**
   * Runs the first command whose parser accepts the text. Before the table, a declined request a parser
   * would misread is answered (request-families.ts); after it, text no command took gets the best reading
   * there is: a near miss as a button, a family's answer, or the closest commands.
   */
  handleText(turn: Turn, text: string): Promise<void>;
  /** Whether the text is a request of its own (a command, or a family answered before the table): it ends an open dialog. */
  recognises(text: string): boolean;
  /** Runs a flow's completed request through the same guard as its typed command. */
  runFlow(turn: Turn, flowId: string, request: object): Promise<void>;
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
  /** Default: the bot's request-family table (src/app/request-families.ts). */
  families?: readonly RequestFamily[];
}

export function createRouter(features: readonly Feature[], deps: Deps, options: RouterOptions = {}): Router {
  const check = options.authorize ?? authorize;
  const guard = options.guard ?? authorizeThenRun;
  const commands = [...features.flatMap((f) => f.commands), ...features.flatMap((f) => f.asks ?? [])];
  const actions = new Map<string, AnyCardAction>();
  for (const action of features.flatMap((f) => f.actions)) {
    if (actions.has(action.verb) || action.verb === RUN_COMMAND_VERB || action.verb === DIALOG_ANSWER_VERB) throw new Error(`Card verb "${action.verb}" is registered twice`);
    actions.set(action.verb, action);
  }
  const flows = features.flatMap((f) => f.flows ?? []);
  for (const [i, flow] of flows.entries()) {
    if (flows.findIndex((f) => f.id === flow.id) !== i) throw new Error(`Flow "${flow.id}" is registered twice`);
  }
  const understanding = createUnderstanding({
    commands,
    families: options.families ?? REQUEST_FAMILIES,
    deps,
    // Links and "is it an environment?" only: when the list cannot be read, the answer goes without them.
    environments: async () => {
      try {
        return await tenantCache(deps).environments();
      } catch {
        return [];
      }
    },
  });
  const cleaned = (text: string) => collapseSpaces(sanitise(text));
  const parsesAsCommand = (input: string) => commands.some((command) => command.parse(input) !== null && command.parse(input) !== undefined);

  async function handleText(turn: Turn, text: string): Promise<void> {
    if (text.length > MAX_MESSAGE_CHARS) {
      turn.log.info({ length: text.length }, 'message too long to parse');
      await turn.reply(tooLong(text.length));
      return;
    }
    const input = cleaned(text);
    if (input === '') {
      await turn.reply('Type **help** to see what I can do.');
      return;
    }
    const declined = await understanding.preempt(input);
    if (declined) {
      turn.log.info('declined request');
      await turn.replyCard(declined);
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
    await turn.replyCard(await understanding.answer(input));
  }

  function recognises(text: string): boolean {
    const input = cleaned(text);
    return input !== '' && input.length <= MAX_MESSAGE_CHARS && (understanding.mayPreempt(input) || parsesAsCommand(input));
  }

  async function runFlow(turn: Turn, flowId: string, request: object): Promise<void> {
    const flow = flows.find((f) => f.id === flowId);
    if (!flow) throw new Error(`No flow "${flowId}" is registered`);
    const { command } = flow;
    turn.log.info({ command: command.name, flow: flow.id }, 'command from a dialog');
    const route = { kind: 'command' as const, name: command.name, access: command.access, expensive: command.expensive === true, params: request, input: flow.asText(request) };
    await guard(turn, route, deps, check, () => command.run(turn, request, deps));
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

  return { commands, flows, handleText, recognises, runFlow, handleAction };
}

const tooLong = (length: number) =>
  `That message is too long for me (${length.toLocaleString('en-US')} characters). I read at most ${MAX_MESSAGE_CHARS.toLocaleString('en-US')}: send one command at a time, e.g. \`sync Financial Coordinators to UAT\`, or type **help**.`;

/** Card data is as untrusted as typed text: its top-level strings get the same cleaning. */
function sanitiseStrings(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, typeof value === 'string' ? sanitise(value) : value]));
}
