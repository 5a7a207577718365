import type { Named, RequestFamily } from '../request-families';
import { straightenQuotes, trimSentence } from '../text';

/** Openings that carry no request: "hey bot, could you please …", "I'd like to …", "how do I …". */
const POLITE = new RegExp(
  [
    String.raw`^(?:(?:hey|hi|hello|ok|okay|so|um|erm)[,!]?\s+)?`,
    String.raw`(?:(?:bot|dataverse access bot)[,:]?\s+)?`,
    String.raw`(?:(?:please|pls|plz|kindly)\s+)?`,
    String.raw`(?:(?:can|could|would|will) you(?: please)?\s+|i (?:want|need|would like|'d like)(?: you)? to\s+|how (?:do|can|should) i\s+|how to\s+|help me\s+|is it possible to\s+)?`,
    String.raw`(?:please\s+)?`,
  ].join(''),
  'i',
);

/** Names that point at the speaker, not at a person to look up. */
const SPEAKER = /^(?:i|me|myself|my account|my user)$/i;

/** The message as recognisers see it: quotes straightened, trailing punctuation and polite openings removed, case kept. */
export function requestText(input: string): string {
  return trimSentence(straightenQuotes(input)).replace(POLITE, '').replace(/\s+please$/i, '').trim();
}

function cleanNamed(groups: Record<string, string | undefined> | undefined): Named {
  const named: Named = {};
  for (const [key, raw] of Object.entries(groups ?? {})) {
    const value = raw?.replace(/^["'@]+|["']+$/g, '').replace(/'s$/i, '').trim();
    if (value && !(key === 'person' && SPEAKER.test(value))) named[key as keyof Named] = value;
  }
  return named;
}

export interface Recognised {
  family: RequestFamily;
  named: Named;
}

/**
 * The first family (in table order) among `candidates` with a recogniser that matches `text`.
 * `isEnvironment` answers for families that only count when a named part is no environment.
 */
export async function recogniseFamily(
  text: string,
  candidates: readonly RequestFamily[],
  isEnvironment: (name: string) => Promise<boolean>,
): Promise<Recognised | null> {
  for (const family of candidates) {
    for (const pattern of family.recognise) {
      const match = pattern.exec(text);
      if (!match) continue;
      const named = cleanNamed(match.groups);
      const unless = family.unlessEnvironment ? named[family.unlessEnvironment] : undefined;
      if (unless !== undefined && (await isEnvironment(unless))) continue;
      const only = family.ifEnvironment ? named[family.ifEnvironment] : undefined;
      if (family.ifEnvironment && (only === undefined || !(await isEnvironment(only)))) continue;
      return { family, named };
    }
  }
  return null;
}

/** Whether any recogniser of `candidates` matches, without the environment check (cheap, synchronous). */
export function mayBeFamily(text: string, candidates: readonly RequestFamily[]): boolean {
  return candidates.some((family) => family.recognise.some((pattern) => pattern.test(text)));
}
