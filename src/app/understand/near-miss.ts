import type { AnyTextCommand } from '../routes';
import { normalise, typoDistance } from '../text';

/** First words of requests the bot declines, so "remvoe Jane from UAT" is read as "remove …". */
const DECLINE_WORDS = ['remove', 'revoke', 'give', 'assign', 'grant', 'who', 'list', 'show', 'create', 'reset', 'delete', 'copy', 'share', 'make'];

/** The words commands start with: "sync", "why", "check", "watch", "audit"… (from their usage and examples). */
export function commandWords(commands: readonly AnyTextCommand[]): string[] {
  const words = commands.flatMap((c) => [c.name, c.usage, ...c.examples].map((text) => normalise(text).split(' ')[0] ?? ''));
  return [...new Set([...words, ...DECLINE_WORDS])].filter((w) => /^[a-z][a-z'-]+$/.test(w));
}

const allowedTypos = (word: string): number => (word.length <= 4 ? 1 : 2);

/**
 * The message with its first word replaced by each command word one or two typos away ("sycn Jane
 * to UAT" → "sync Jane to UAT"), nearest first; none when the first word is already one of them.
 */
export function correctFirstWord(text: string, words: readonly string[]): string[] {
  const [first = '', ...rest] = text.split(' ');
  const typed = first.toLowerCase();
  if (rest.length === 0 && typed.length < 3) return [];
  if (words.includes(typed) || !/^[a-z']{3,}$/.test(typed)) return [];
  return words
    .map((word) => ({ word, distance: typoDistance(typed, word) }))
    .filter(({ word, distance }) => distance <= allowedTypos(word) && distance < word.length - 1)
    .sort((a, b) => a.distance - b.distance)
    .map(({ word }) => [word, ...rest].join(' '));
}
