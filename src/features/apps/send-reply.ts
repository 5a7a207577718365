import type { Turn } from '../../app/turn';
import type { Reply } from './present-apps';

/** An apps answer, a card or a sentence, sent as it is. */
export async function sendReply(turn: Turn, reply: Reply): Promise<void> {
  if ('card' in reply) await turn.replyCard(reply.card);
  else await turn.reply(reply.text);
}
