import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Notifier } from '../app/deps';
import type { AdaptiveCard, MessageRef, Turn } from '../app/turn';
import { cardFor } from '../cards/requester-only';

/** The stable key a conversation is stored and looked up by. */
export function conversationKeyOf(context: TurnContext): string {
  return context.activity.conversation.id;
}

/** The card as this conversation gets it: a requester-only card is read-only in group chats and channels (cardFor). */
export function cardAttachment(card: AdaptiveCard, conversationType?: string) {
  return CardFactory.adaptiveCard(cardFor(card, conversationType));
}

/**
 * The narrow Turn a handler sees, over botbuilder's TurnContext. Updating a card that lives in
 * another conversation goes through the notifier.
 */
export function createTurn(context: TurnContext, log: Logger, notifier: Notifier, ask?: Turn['ask']): Turn {
  const { activity } = context;
  const conversationKey = conversationKeyOf(context);
  return {
    ask,
    caller: { aadObjectId: activity.from?.aadObjectId ?? undefined, teamsId: activity.from?.id || undefined, name: activity.from?.name ?? 'someone' },
    conversationKey,
    // Teams sets replyToId on card actions to the message holding the clicked card.
    sourceMessage: activity.replyToId ? { conversationKey, activityId: activity.replyToId } : undefined,
    tenantId: activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id,
    log,
    async reply(text) {
      await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'markdown' });
    },
    async replyCard(card): Promise<MessageRef> {
      const response = await context.sendActivity({ type: ActivityTypes.Message, attachments: [cardAttachment(card, activity.conversation.conversationType)] });
      return { conversationKey, activityId: response?.id ?? '' };
    },
    async updateCard(ref, card) {
      if (ref.conversationKey !== conversationKey) {
        await notifier.updateCard(ref, card);
        return;
      }
      await context.updateActivity({ id: ref.activityId, type: ActivityTypes.Message, attachments: [cardAttachment(card, activity.conversation.conversationType)] });
    },
    async typing() {
      await context.sendActivity({ type: ActivityTypes.Typing });
    },
  };
}
