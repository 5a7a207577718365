import { fold, MAX_CANDIDATES, nearest, unquote, type Resolution } from './resolution';

const MAX_SUGGESTIONS = 5;

/**
 * A named thing of a short list the caller already holds (security roles, business units): exact name
 * (any case, accents folded), else the names starting with the text, else the names containing each of
 * its words; several matches are a choice, none gets the nearest spellings as suggestions. Pure.
 */
export function resolveNamed<T>(query: string, items: readonly T[], nameOf: (item: T) => string): Resolution<T> {
  const q = fold(unquote(query));
  if (q === '') return { kind: 'not-found', suggestions: [] };
  const pick = (matches: T[]): Resolution<T> => {
    if (matches.length === 1 && matches[0] !== undefined) return { kind: 'found', value: matches[0] };
    return { kind: 'ambiguous', candidates: matches.slice(0, MAX_CANDIDATES), more: matches.length > MAX_CANDIDATES };
  };
  const exact = items.filter((item) => fold(nameOf(item)) === q);
  if (exact.length > 0) return pick(exact);
  const prefix = items.filter((item) => fold(nameOf(item)).startsWith(q));
  if (prefix.length > 0) return pick(prefix);
  const words = q.split(' ');
  const byWords = items.filter((item) => {
    const name = fold(nameOf(item)).split(/[\s()\-–,]+/);
    return words.every((word) => name.some((part) => part.startsWith(word)));
  });
  if (byWords.length > 0) return pick(byWords);
  return { kind: 'not-found', suggestions: nearest(q, items, (item) => [nameOf(item)], MAX_SUGGESTIONS) };
}
