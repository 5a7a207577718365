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
