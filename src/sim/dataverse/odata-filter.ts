/**
 * A small OData `$filter` parser for the Dataverse surface: comparisons (eq ne gt ge lt le) of a
 * column with a literal (quoted strings with '' escapes, unquoted GUIDs, numbers, true/false,
 * null), and/or/not, parentheses, contains/startswith/endswith, and
 * `Microsoft.Dynamics.CRM.In(PropertyName='col',PropertyValues=['a','b'])`.
 */
export type Literal =
  | { type: 'string'; value: string }
  | { type: 'guid'; value: string }
  | { type: 'number'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'null' };

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: ComparisonOperator; property: string; value: Literal }
  | { kind: 'in'; property: string; values: string[] }
  | { kind: 'text'; fn: 'contains' | 'startswith' | 'endswith'; property: string; value: string };

export class FilterSyntaxError extends Error {}

type Token = { kind: 'guid' | 'number' | 'word' | 'string' | 'punct'; text: string; at: number };

const TOKEN_PATTERNS: [Token['kind'], RegExp][] = [
  ['guid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/i],
  ['number', /^-?\d+(?:\.\d+)?(?![\w-])/],
  ['word', /^[A-Za-z_][\w.]*/],
  ['string', /^'(?:[^']|'')*'/],
  ['punct', /^[(),=[\]]/],
];

const OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const TEXT_FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);

export function parseFilter(source: string): FilterNode {
  const parser = new Parser(source, tokenize(source));
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

function tokenize(source: string): Token[] {
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

function syntaxError(at: number, source: string): FilterSyntaxError {
  return new FilterSyntaxError(`Syntax error at position ${at} in '${source}'.`);
}

class Parser {
  private index = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  expression(): FilterNode {
    let node = this.conjunction();
    while (this.peekWord('or')) {
      this.index += 1;
      node = { kind: 'or', left: node, right: this.conjunction() };
    }
    return node;
  }

  expectEnd(): void {
    const token = this.tokens[this.index];
    if (token) throw syntaxError(token.at, this.source);
  }

  private conjunction(): FilterNode {
    let node = this.unary();
    while (this.peekWord('and')) {
      this.index += 1;
      node = { kind: 'and', left: node, right: this.unary() };
    }
    return node;
  }

  private unary(): FilterNode {
    if (this.peekWord('not')) {
      this.index += 1;
      return { kind: 'not', operand: this.unary() };
    }
    if (this.peekPunct('(')) {
      this.index += 1;
      const node = this.expression();
      this.punct(')');
      return node;
    }
    const name = this.take('word').text;
    if (name === 'Microsoft.Dynamics.CRM.In') return this.inFunction();
    if (TEXT_FUNCTIONS.has(name.toLowerCase())) return this.textFunction(name.toLowerCase() as 'contains' | 'startswith' | 'endswith');
    const op = this.take('word');
    if (!OPERATORS.has(op.text)) throw syntaxError(op.at, this.source);
    return { kind: 'compare', op: op.text as ComparisonOperator, property: name, value: this.literal() };
  }

  private inFunction(): FilterNode {
    this.punct('(');
    this.keyword('PropertyName');
    this.punct('=');
    const property = unquote(this.take('string').text);
    this.punct(',');
    this.keyword('PropertyValues');
    this.punct('=');
    this.punct('[');
    const values = [unquote(this.take('string').text)];
    while (this.peekPunct(',')) {
      this.index += 1;
      values.push(unquote(this.take('string').text));
    }
    this.punct(']');
    this.punct(')');
    return { kind: 'in', property, values };
  }

  private textFunction(fn: 'contains' | 'startswith' | 'endswith'): FilterNode {
    this.punct('(');
    const property = this.take('word').text;
    this.punct(',');
    const value = unquote(this.take('string').text);
    this.punct(')');
    return { kind: 'text', fn, property, value };
  }

  private literal(): Literal {
    const token = this.next();
    if (token.kind === 'string') return { type: 'string', value: unquote(token.text) };
    if (token.kind === 'guid') return { type: 'guid', value: token.text.toLowerCase() };
    if (token.kind === 'number') return { type: 'number', value: Number(token.text) };
    if (token.text === 'true' || token.text === 'false') return { type: 'bool', value: token.text === 'true' };
    if (token.text === 'null') return { type: 'null' };
    throw syntaxError(token.at, this.source);
  }

  private keyword(word: string): void {
    const token = this.take('word');
    if (token.text !== word) throw syntaxError(token.at, this.source);
  }

  private punct(text: string): void {
    const token = this.next();
    if (token.kind !== 'punct' || token.text !== text) throw syntaxError(token.at, this.source);
  }

  private take(kind: Token['kind']): Token {
    const token = this.next();
    if (token.kind !== kind) throw syntaxError(token.at, this.source);
    return token;
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (!token) throw syntaxError(this.source.length, this.source);
    this.index += 1;
    return token;
  }

  private peekWord(word: string): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'word' && token.text === word;
  }

  private peekPunct(text: string): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'punct' && token.text === text;
  }
}

function unquote(text: string): string {
  return text.slice(1, -1).replace(/''/g, "'");
}
