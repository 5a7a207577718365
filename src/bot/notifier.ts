import { ActivityTypes, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Notifier } from '../app/deps';
import type { AdaptiveCard, MessageRef } from '../app/turn';
import { AppError } from '../errors';
import { backoffDelay } from '../backoff';
import type { ConversationStore } from '../store/conversation-store';
import { cardAttachment } from './turn';

/** What the notifier needs from botbuilder's CloudAdapter (a test adapter can provide it too). */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export interface NotifierOptions {
  adapter: ProactiveAdapter;
  /** MicrosoftAppId; '' when bot authentication is off (local Playground). */
  appId: string;
  conversations: ConversationStore;
  log: Logger;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
  baseDelayMs?: number;
}

/** Teams asks bots to back off and retry these (rate-limit guidance). */
const RETRYABLE = new Set([412, 429, 502, 504]);

/**
 * Sends to stored conversations from outside a turn, with Teams' retry guidance: 429/412/502/504
 * are retried with exponential backoff and jitter; a 403 whose code says the conversation blocked or
 * removed the bot (MessageWritesBlocked and kin) is recorded and never retried.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = options.maxAttempts ?? 5;
  const baseMs = options.baseDelayMs ?? 500;

  async function withConversation<T>(conversationKey: string, logic: (context: TurnContext) => Promise<T>): Promise<T> {
    const stored = await options.conversations.get(conversationKey);
    if (!stored) throw new AppError('input.not_found', 'I have no record of that conversation, so I cannot post there. Say something to me there first.');
    if (stored.blockedAt !== null) throw new AppError('auth.forbidden', 'Teams reports that this conversation has blocked or removed the bot, so I cannot post there.');
    for (let attempt = 1; ; attempt++) {
      try {
        let outcome = undefined as { ok: true; value: T } | { ok: false; error: unknown } | undefined;
        await options.adapter.continueConversationAsync(options.appId, stored.reference as Partial<ConversationReference>, async (context) => {
          // Caught here: an error escaping this callback goes to the adapter's onTurnError, and we would never see Teams' answer.
          try {
            outcome = { ok: true, value: await logic(context) };
          } catch (error) {
            outcome = { ok: false, error };
          }
        });
        if (!outcome) throw new Error('The adapter returned without running the proactive turn.');
        if (!outcome.ok) throw outcome.error;
        return outcome.value;
      } catch (error) {
        const status = statusOf(error);
        if (status === 403 && isWritesBlocked(error)) {
          await options.conversations.markBlocked(conversationKey, options.now());
          options.log.warn({ conversationKey }, 'conversation blocked the bot (MessageWritesBlocked); not retrying');
          throw new AppError('auth.forbidden', 'Teams reports that this conversation has blocked or removed the bot, so I cannot post there.', { cause: error });
        }
        if (status === undefined || !RETRYABLE.has(status) || attempt >= maxAttempts) throw error;
        const delay = backoffDelay(attempt, { baseMs, maxMs: 30_000 });
        options.log.warn({ conversationKey, status, attempt, delay }, 'Teams asked us to retry a proactive message');
        await sleep(delay);
      }
    }
  }

  return {
    async sendCard(conversationKey, card: AdaptiveCard, text?: string): Promise<MessageRef> {
      const id = await withConversation(conversationKey, async (context) => {
        const words = text === undefined ? {} : { text, textFormat: 'markdown' as const };
        const response = await context.sendActivity({ type: ActivityTypes.Message, ...words, attachments: [cardAttachment(card, conversationTypeOf(context))] });
        return response?.id ?? '';
      });
      return { conversationKey, activityId: id };
    },
    async sendText(conversationKey, text) {
      await withConversation(conversationKey, async (context) => {
        await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'markdown' });
      });
    },
    async updateCard(ref, card) {
      await withConversation(ref.conversationKey, async (context) => {
        await context.updateActivity({ id: ref.activityId, type: ActivityTypes.Message, attachments: [cardAttachment(card, conversationTypeOf(context))] });
      });
    },
  };
}

/** The stored conversation's type (group chats and channels get requester-only cards read-only); a bare test context may have none. */
function conversationTypeOf(context: TurnContext): string | undefined {
  const activity = context.activity as TurnContext['activity'] | undefined;
  return activity?.conversation?.conversationType;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = e.statusCode ?? e.status ?? e.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Teams codes meaning the conversation no longer takes the bot's messages: `MessageWritesBlocked`
 * (documented as a subCode of the 403 for a blocked or uninstalled bot; where it sits in the body is
 * UNVERIFIED, so error.code and error.subCode are both read) and the status-code table's
 * `ConversationBlockedByUser` and `BotNotInConversationRoster`.
 */
const WRITES_BLOCKED = new Set(['MessageWritesBlocked', 'ConversationBlockedByUser', 'BotNotInConversationRoster']);

function isWritesBlocked(error: unknown): boolean {
  return teamsErrorCodes(error).some((code) => WRITES_BLOCKED.has(code));
}

/**
 * The codes in a failed Connector call, from structure only: the RestError's `code` (core-client copies
 * body.error.code there), and the body's `error.code`/`error.subCode` (the deserialized parsedBody drops
 * unknown fields like subCode, so the raw JSON is parsed too).
 */
function teamsErrorCodes(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const e = error as { code?: unknown; response?: { parsedBody?: unknown; bodyAsText?: unknown } };
  const bodies = [e.response?.parsedBody, parseJson(e.response?.bodyAsText)];
  const codes = [e.code, ...bodies.flatMap((body) => [errorField(body, 'code'), errorField(body, 'subCode')])];
  return codes.filter((code): code is string => typeof code === 'string');
}

function errorField(body: unknown, field: 'code' | 'subCode'): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const inner = (body as { error?: unknown }).error;
  return typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>)[field] : undefined;
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
