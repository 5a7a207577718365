import { GraphQueryError } from './errors';

export interface SearchClause {
  property: string;
  term: string;
}

/** `"displayName:jan" OR "mail:jan"` → clauses joined by one operator (Graph also allows AND). */
export function parseSearch(raw: string): { op: 'OR' | 'AND'; clauses: SearchClause[] } {
  const parts = raw.trim().split(/\s+(OR|AND)\s+/);
  const clauses: SearchClause[] = [];
  const ops = new Set<string>();
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      ops.add(part);
      return;
    }
    const match = /^"([A-Za-z]+):([^"]*)"$/.exec(part);
    if (!match) throw new GraphQueryError('Request_UnsupportedQuery', `Syntax error: invalid $search clause '${part}'. Use "property:term".`);
    clauses.push({ property: match[1] as string, term: (match[2] as string).toLowerCase() });
  });
  if (ops.size > 1) throw new GraphQueryError('Request_UnsupportedQuery', 'Mixing AND and OR in $search is not supported by this simulator.');
  return { op: ops.has('AND') ? 'AND' : 'OR', clauses };
}

/** Tokenized prefix match: a word of the value starts with the term (as Graph's $search on directory objects). */
export function matchesSearch(value: unknown, term: string): boolean {
  if (typeof value !== 'string') return false;
  const lower = value.toLowerCase();
  if (lower.startsWith(term)) return true;
  return lower.split(/[\s._@-]+/).some((word) => word.startsWith(term));
}
