import type { Logger } from 'pino';
import type { Turn } from '../../src/app/turn';
import type { TestUser } from '../helpers/bot-harness';

/** A Turn for driving the router directly (no botbuilder), keeping what the bot said. */
export function recordingTurn(log: Logger, caller: TestUser): { turn: Turn; said: string[] } {
  const said: string[] = [];
  const turn: Turn = {
    caller: { aadObjectId: caller.aadObjectId, name: caller.name },
    conversationKey: 'c',
    log,
    reply: async (text) => void said.push(text),
    replyCard: async (card) => (said.push(JSON.stringify(card.content)), { conversationKey: 'c', activityId: '1' }),
    updateCard: async () => undefined,
    typing: async () => undefined,
  };
  return { turn, said };
}
