export class FilterSyntaxError extends Error {}

export type Token = { kind: 'guid' | 'number' | 'word' | 'string' | 'alias' | 'punct'; text: string; at: number };

const TOKEN_PATTERNS: [Token['kind'], RegExp][] = [
  ['guid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/i],
  ['number', /^-?\d+(?:\.\d+)?(?![\w-])/],
  ['word', /^[A-Za-z_][\w.]*/],
  ['string', /^(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*")/],
  ['alias', /^@[A-Za-z_]\w*/],
  ['punct', /^[(),=[\]]/],
];

/** Splits an OData `$filter` (or a parameter alias value) into tokens for filter-parser.ts. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const found = TOKEN_PATTERNS.map(([kind, pattern]) => [kind, pattern.exec(rest)] as const).find(([, match]) => match);
    if (!found || !found[1]) throw syntaxError(at, source);
    tokens.push({ kind: found[0], text: found[1][0], at });
    at += found[1][0].length;
  }
  return tokens;
}

export function syntaxError(at: number, source: string): FilterSyntaxError {
  return new FilterSyntaxError(`Syntax error at position ${at} in '${source}'.`);
}
