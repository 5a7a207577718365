import type { CardActionResult, Turn } from '../../../app/turn';
import { suggestionsCard } from '../../../app/understand/reply-cards';

/**
 * A reply that is not the result card itself: a sentence, and buttons that run a command when there is
 * something to pick (which role, which environment, sync first). Chat shows the buttons; the CLI prints them.
 */
export interface Answer {
  /** Markdown, with what the person typed made inert (src/app/text.ts `inert`). */
  text: string;
  choices?: { title: string; command: string }[];
}

export const answer = (text: string, choices?: Answer['choices']): Answer => (choices && choices.length > 0 ? { text, choices } : { text });

export async function replyAnswer(turn: Turn, reply: Answer): Promise<void> {
  if (reply.choices) await turn.replyCard(answerCard(reply));
  else await turn.reply(reply.text);
}

export function answerResult(reply: Answer): CardActionResult {
  return reply.choices ? { card: answerCard(reply) } : { text: reply.text };
}

function answerCard(reply: Answer) {
  return suggestionsCard(plain(reply.text), (reply.choices ?? []).map((c) => ({ title: c.title, text: c.command })));
}

/** For the CLI: the sentence, then each choice as the chat command it stands for. */
export function answerLines(reply: Answer): string[] {
  return [plain(reply.text), ...(reply.choices ?? []).map((c) => `  - ${c.title}: "${c.command}"`)];
}

/** The sentence as shown verbatim (a card's TextRun, a terminal): no bold marks, no escapes. */
export function plain(markdown: string): string {
  return markdown.replace(/\*\*/g, '').replace(/\\([\\`*_{}[\]()<>#+\-.!|~&:])/g, '$1');
}
