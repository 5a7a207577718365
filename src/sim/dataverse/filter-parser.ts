import type { ComparisonOperator, FilterNode, Literal } from './odata-filter';
import { FilterSyntaxError, syntaxError, type Token, tokenize } from './filter-tokenizer';

const OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const TEXT_FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);

/** Recursive descent over the tokens: or < and < not/parentheses/comparison/function. */
export class Parser {
  private index = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly aliases: ReadonlyMap<string, string>,
    /** Double-quoted (JSON) strings are only valid inside an alias value. */
    private readonly inAlias = false,
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
    return { kind: 'compare', op: op.text as ComparisonOperator, property: name, value: this.aliasOr(() => this.literal(), (parser) => parser.literal()) };
  }

  private inFunction(): FilterNode {
    this.punct('(');
    this.keyword('PropertyName');
    this.punct('=');
    const property = this.aliasOr(() => this.text(), (parser) => parser.text());
    this.punct(',');
    this.keyword('PropertyValues');
    this.punct('=');
    const values = this.aliasOr(() => this.stringList(), (parser) => parser.stringList());
    this.punct(')');
    return { kind: 'in', property, values };
  }

  private stringList(): string[] {
    this.punct('[');
    const values = [this.text()];
    while (this.peekPunct(',')) {
      this.index += 1;
      values.push(this.text());
    }
    this.punct(']');
    return values;
  }

  /** Reads the next item inline, or from the value of the `@alias` in its place. */
  private aliasOr<T>(inline: () => T, fromAlias: (parser: Parser) => T): T {
    const token = this.tokens[this.index];
    if (token?.kind !== 'alias') return inline();
    this.index += 1;
    const text = this.aliases.get(token.text);
    if (text === undefined) throw new FilterSyntaxError(`The parameter alias '${token.text}' is not defined in the request.`);
    const parser = new Parser(text, tokenize(text), this.aliases, true);
    const value = fromAlias(parser);
    parser.expectEnd();
    return value;
  }

  private textFunction(fn: 'contains' | 'startswith' | 'endswith'): FilterNode {
    this.punct('(');
    const property = this.take('word').text;
    this.punct(',');
    const value = this.text();
    this.punct(')');
    return { kind: 'text', fn, property, value };
  }

  private literal(): Literal {
    const token = this.next();
    if (token.kind === 'string') {
      if (token.text.startsWith('"') && !this.inAlias) throw syntaxError(token.at, this.source);
      return { type: 'string', value: unquote(token.text) };
    }
    if (token.kind === 'guid') return { type: 'guid', value: token.text.toLowerCase() };
    if (token.kind === 'number') return { type: 'number', value: Number(token.text) };
    if (token.text === 'true' || token.text === 'false') return { type: 'bool', value: token.text === 'true' };
    if (token.text === 'null') return { type: 'null' };
    throw syntaxError(token.at, this.source);
  }

  private text(): string {
    const token = this.take('string');
    if (token.text.startsWith('"') && !this.inAlias) throw syntaxError(token.at, this.source);
    return unquote(token.text);
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
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      throw new FilterSyntaxError(`Invalid JSON string ${text}.`);
    }
  }
  return text.slice(1, -1).replace(/''/g, "'");
}
