import type { AnyTextCommand } from '../routes';
import { collapseSpaces, editDistance, normalise } from '../text';

// Ranking looks at the start of a message only: enough to recognise a command, bounded in cost.
const RANKED_WORDS = 6;
const RANKED_CHARS = 80;

/** The `count` commands whose words or examples are closest to the text, closest first. */
export function closestCommands(input: string, commands: readonly AnyTextCommand[], count = 3): AnyTextCommand[] {
  const start = normalise(input).split(' ').slice(0, RANKED_WORDS).join(' ').slice(0, RANKED_CHARS);
  return commands
    .map((command) => ({ command, distance: closeness(start, command) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, count)
    .map(({ command }) => command);
}

function closeness(said: string, command: AnyTextCommand): number {
  const candidates = [command.name, usageWords(command.usage), ...command.examples].map(normalise).filter((c) => c !== '');
  const firstWord = said.split(' ')[0] ?? '';
  return Math.min(
    ...candidates.map((candidate) => {
      const whole = editDistance(said, candidate) / Math.max(said.length, candidate.length, 1);
      const leading = editDistance(firstWord, candidate.split(' ')[0] ?? '') / Math.max(firstWord.length, 1);
      return Math.min(whole, leading + 0.25);
    }),
  );
}

/** `sync <group or users> to <environment>` → `sync to` */
function usageWords(usage: string): string {
  return collapseSpaces(usage.replace(/<[^>]*>|\[[^\]]*\]/g, ' '));
}
