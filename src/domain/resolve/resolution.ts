import { editDistance } from '../../app/text';

/** The outcome of turning something a person typed into one directory object or environment. */
export type Resolution<T> =
  | { kind: 'found'; value: T }
  | { kind: 'ambiguous'; candidates: T[]; more: boolean }
  | { kind: 'not-found'; suggestions: T[] };

/** Choice cards show at most this many candidates, then ask to be more specific. */
export const MAX_CANDIDATES = 10;

/** Lower case, accents folded (Zoë → zoe), straight quotes, single spaces. */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A typed name without the quotes people put around it: `"Financial Coordinators"` → `Financial Coordinators`. */
export function unquote(value: string): string {
  return value.trim().replace(/^["'\u201c\u2018]+|["'\u201d\u2019]+$/g, '').trim();
}

/** Items whose best key is within a small edit distance of the query (or starts with its first word), nearest first. */
export function nearest<T>(query: string, items: readonly T[], keys: (item: T) => string[], limit = 5): T[] {
  const q = fold(query);
  const scored = items
    .map((item) => {
      const distances = keys(item).flatMap((key) => {
        const k = fold(key);
        return [editDistance(q, k), ...k.split(/[ .@_-]+/).map((word) => editDistance(q, word))];
      });
      return { item, score: Math.min(...distances) };
    })
    .filter((s) => s.score <= Math.max(2, Math.floor(q.length / 3)));
  return scored.sort((a, b) => a.score - b.score).slice(0, limit).map((s) => s.item);
}
