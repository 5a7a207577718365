/**
 * The one normaliser every command parser uses, so matching is case-, spacing-, quote- and
 * trailing-punctuation-insensitive everywhere: `  Why can’t Jane access UAT?? ` → `why can't jane access uat`.
 */
export function normalise(text: string): string {
  return trimSentence(straightenQuotes(text)).toLowerCase();
}

/** Curly quotes and primes as typed on phones and in Word → straight ones: `Jane’s` → `Jane's`. */
export function straightenQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201b\u2032]/g, "'").replace(/[\u201c\u201d\u201f\u2033]/g, '"');
}

/** Single spaces, no trailing punctuation: `  Why can't Jane access UAT?? ` → `Why can't Jane access UAT`. */
export function trimSentence(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[\s.!?,;:]+$/u, '');
}

/** Collapses whitespace and trims, keeping case (what the router hands to `parse`). */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** ISO minute in UTC: `2026-11-22 06:03 UTC`, the same for every reader whatever their time zone. */
export function formatWhen(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The longest message the router will parse; longer ones are refused before any parsing. */
export const MAX_MESSAGE_CHARS = 2_000;

/**
 * The longest person, group or environment name sent to Microsoft. A UPN is at most 113
 * characters before the domain, a group display name 256 (Entra), an environment display name far less.
 */
export const MAX_NAME_CHARS = 256;

// Lone surrogate halves (encodeURIComponent throws on them) and invisible characters with no
// meaning in a name: zero-width space, word joiner, BOM, soft hyphen, Mongolian vowel separator.
// ZWJ/ZWNJ and direction marks stay: emoji sequences and right-to-left scripts need them.
const DROPPED = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\u200b\u2060\ufeff\u00ad\u180e]/g;
// C0/C1 controls become spaces, so `jane\u0000doe` stays two words.
const CONTROLS = /\p{Cc}/gu;

/** Untrusted text made safe for parsers and URLs: see DROPPED and CONTROLS. */
export function sanitise(text: string): string {
  return text.replace(DROPPED, '').replace(CONTROLS, ' ');
}

/** The reply for the first name longer than MAX_NAME_CHARS, or null when every name fits. */
export function tooLongName(names: readonly string[], what = 'name'): string | null {
  const long = names.find((n) => n.length > MAX_NAME_CHARS);
  if (long === undefined) return null;
  return `That ${what} is too long (${long.length} characters, at most ${MAX_NAME_CHARS}), so I looked nothing up. Type the name or email address as it appears in Entra ID or the admin center.`;
}

// Characters that change how text is shown without being seen: bidi embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069), the LRM/RLM/ALM marks, zero-width and joiner characters, word joiner,
// BOM, soft hyphen and the Mongolian vowel separator. Text a person typed loses them before it is echoed.
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff\u00ad\u180e]/g;
// Every character Markdown (CommonMark, and the subset Teams renders in messages and TextBlocks) or HTML
// gives a meaning to: a backslash before it shows it as itself.
const MARKUP = /[\\`*_{}[\]()<>#+\-.!|~&:]/g;

/** Text without invisible formatting characters (for places that render text verbatim: button titles, TextRuns). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * Text a person typed, made safe to echo in a Markdown message or a TextBlock: invisible and
 * direction-changing characters removed, then every Markdown/HTML character escaped, so no link,
 * image, emphasis, tag or entity can render from it. `[Reset](https://x)` shows as typed.
 */
export function inert(text: string): string {
  return stripInvisible(text).replace(MARKUP, (c) => `\\${c}`);
}

/** At most `max` characters, ending in "…" when cut, never splitting a surrogate pair (an emoji stays whole). */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * Edit distance that counts a swap of two neighbouring letters as one typo (optimal string
 * alignment): `sycn` is one typo from `sync`, `wyh` one from `why`.
 */
export function typoDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] ?? 0;
}
