import type { CardActionResult, Turn } from './turn';
import type { Deps } from './deps';
import type { AnyFlow } from './flows';

/** Who may run a route. `admin` implies `helpdesk`. */
export type Access = 'anyone' | 'helpdesk' | 'admin';

/**
 * A chat command. The router gives `parse` the message text with mentions removed and
 * whitespace collapsed (original case kept); the first route whose parse returns non-null wins,
 * so more specific routes come first in the table.
 */
export interface TextCommand<P> {
  readonly name: string;
  /** One line for help: `sync <group or users> to <environment>` */
  readonly usage: string;
  readonly summary: string;
  /** Example messages (shown in help and on welcome-card buttons). */
  readonly examples: readonly string[];
  readonly access: Access;
  /**
   * Calls Microsoft for many people (a group, a job): limited per caller (RATE_LIMIT_*). Checks of
   * every environment (`everywhere: true` in the request) are limited whatever the route.
   */
  readonly expensive?: boolean;
  parse(text: string): P | null;
  run(turn: Turn, params: P, deps: Deps): Promise<void>;
}

/**
 * A card button. Cards put `{ verb, ...data }` in Action.Execute/Action.Submit data; `parse`
 * validates the untrusted data into typed params and throws AppError('input.invalid') otherwise.
 */
export interface CardAction<P> {
  readonly verb: string;
  readonly access: Access;
  /**
   * Calls Microsoft for many people (a group, a job): limited per caller (RATE_LIMIT_*). Checks of
   * every environment (`everywhere: true` in the request) are limited whatever the route.
   */
  readonly expensive?: boolean;
  parse(data: Record<string, unknown>): P;
  run(turn: Turn, params: P, deps: Deps): Promise<CardActionResult>;
}

/**
 * A table holds routes of different param types. `run` is declared with method syntax, so a
 * TextCommand<P> is assignable to TextCommand<unknown>; the router only ever passes a route the
 * params its own `parse` produced.
 */
export type AnyTextCommand = TextCommand<unknown>;
export type AnyCardAction = CardAction<unknown>;

/** Each feature folder exports one of these from its index.ts; src/app/feature-table.ts lists them. */
export interface Feature {
  readonly commands: readonly AnyTextCommand[];
  readonly actions: readonly AnyCardAction[];
  /**
   * Commands for requests that lack a part ("sync Financial Coordinators"): they start a dialog (askFor).
   * Routed after every feature's `commands`, so a full command of any feature wins; not listed in help.
   */
  readonly asks?: readonly AnyTextCommand[];
  /** The dialogs those commands start, each ending in one of the commands (src/app/flows.ts). */
  readonly flows?: readonly AnyFlow[];
}
