import type { Logger } from 'pino';

/**
 * The narrow context every handler gets. Built from botbuilder's TurnContext in src/bot
 * (the only folder that knows botbuilder), from the CLI, or from a test.
 */
export interface AdaptiveCard {
  /** The card JSON after templating: `{ type: 'AdaptiveCard', version: '1.5', … }`. */
  readonly content: Record<string, unknown>;
  /**
   * For cards whose buttons only the requester may press (src/cards/requester-only.ts): what everyone
   * sees in a group chat or channel; the requester's client refreshes it into `content`.
   */
  readonly readOnly?: Record<string, unknown>;
}

/** Where a sent card lives, so it can be updated in place later (also from a background job). */
export interface MessageRef {
  conversationKey: string;
  activityId: string;
}

export interface Caller {
  /** Entra object id of the person (activity.from.aadObjectId); undefined when the channel did not send one. */
  aadObjectId?: string;
  /** Their Teams user id (activity.from.id, 29:…), for a card that refreshes for them alone; undefined outside Teams. */
  teamsId?: string;
  name: string;
}

export interface Turn {
  readonly caller: Caller;
  /** Stable key of the conversation (its stored ConversationReference is looked up by it). */
  readonly conversationKey: string;
  readonly tenantId?: string;
  /** For card actions: the message holding the card whose button was pressed (activity.replyToId), when the channel sends it. */
  readonly sourceMessage?: MessageRef;
  reply(text: string): Promise<void>;
  replyCard(card: AdaptiveCard): Promise<MessageRef>;
  updateCard(ref: MessageRef, card: AdaptiveCard): Promise<void>;
  typing(): Promise<void>;
  /**
   * Asks the person, in a dialog, for what `request` lacks, then runs the flow's command with it
   * (src/app/flows.ts; use `askFor`). Only where a dialog can run (the bot in Teams).
   */
  ask?(flowId: string, request: object): Promise<void>;
  readonly log: Logger;
}

/**
 * What a card action handler may return. For Action.Execute the card replaces the clicked card
 * (invoke response); for a legacy Action.Submit the bot layer sends it as a new message.
 */
export type CardActionResult = void | { card: AdaptiveCard } | { text: string };
