import { ActivityTypes, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Notifier } from '../app/deps';
import type { AdaptiveCard, MessageRef } from '../app/turn';
import { AppError } from '../errors';
import { backoffDelay } from '../jobs/backoff';
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
 * are retried with exponential backoff and jitter; 403 MessageWritesBlocked (the person blocked or
 * removed the bot) is recorded and never retried.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = options.maxAttempts ?? 5;
  const baseMs = options.baseDelayMs ?? 500;

  async function withConversation<T>(conversationKey: string, logic: (context: TurnContext) => Promise<T>): Promise<T> {
    const stored = options.conversations.get(conversationKey);
    if (!stored) throw new AppError('input.not_found', 'I have no record of that conversation, so I cannot post there. Say something to me there first.');
    if (stored.blockedAt !== null) throw new AppError('auth.forbidden', 'Teams reports that this conversation has blocked or removed the bot, so I cannot post there.');
    for (let attempt = 1; ; attempt++) {
      try {
        let result: T | undefined;
        await options.adapter.continueConversationAsync(options.appId, stored.reference as Partial<ConversationReference>, async (context) => {
          result = await logic(context);
        });
        return result as T;
      } catch (error) {
        const status = statusOf(error);
        if (status === 403 && isWritesBlocked(error)) {
          options.conversations.markBlocked(conversationKey, options.now());
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
    async sendCard(conversationKey, card: AdaptiveCard): Promise<MessageRef> {
      const id = await withConversation(conversationKey, async (context) => {
        const response = await context.sendActivity({ type: ActivityTypes.Message, attachments: [cardAttachment(card)] });
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
        await context.updateActivity({ id: ref.activityId, type: ActivityTypes.Message, attachments: [cardAttachment(card)] });
      });
    },
  };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = e.statusCode ?? e.status ?? e.response?.status;
  return typeof status === 'number' ? status : undefined;
}

function isWritesBlocked(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; body?: unknown; response?: { bodyAsText?: unknown } };
  const text = [e.code, e.message, JSON.stringify(e.body ?? null), e.response?.bodyAsText].map(String).join(' ');
  return text.includes('MessageWritesBlocked');
}
