import { GraphQueryError } from './errors';

export type Literal = string | boolean | null;
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'cmp'; op: 'eq' | 'ne'; property: string; value: Literal }
  | { kind: 'in'; property: string; values: Literal[] }
  | { kind: 'fn'; name: 'startswith' | 'endswith'; property: string; value: string }
  /** `assignedLicenses/any(x:x/skuId eq {guid})`: some item of a collection property has `field` equal to `value`. */
  | { kind: 'any'; property: string; field: string; value: Literal };

const GUID_LITERAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Token = { type: 'ident' | 'string' | 'punct'; text: string; at: number };

/** Parses the subset of OData $filter that Graph directory queries accept. Throws GraphQueryError on bad syntax. */
export function parseFilter(source: string): FilterNode {
  const tokens = tokenize(source);
  let pos = 0;
  const fail = (at?: number): never => {
    throw new GraphQueryError('BadRequest', `Invalid filter clause: Syntax error at position ${at ?? tokens[pos]?.at ?? source.length} in '${source}'.`);
  };
  const peek = (): Token | undefined => tokens[pos];
  const take = (): Token => tokens[pos++] ?? fail();
  const expect = (text: string): void => {
    const t = take();
    if (t.text.toLowerCase() !== text) fail(t.at);
  };
  const literal = (): Literal => {
    const t = take();
    if (t.type === 'string') return t.text;
    const word = t.text.toLowerCase();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    return fail(t.at);
  };
  const identifier = (): string => {
    const t = take();
    if (t.type !== 'ident') fail(t.at);
    return t.text;
  };
  const primary = (): FilterNode => {
    const t = peek() ?? fail();
    if (t.text === '(') {
      take();
      const inner = or();
      expect(')');
      return inner;
    }
    const word = t.text.toLowerCase();
    if (t.type === 'ident' && (word === 'startswith' || word === 'endswith') && tokens[pos + 1]?.text === '(') {
      pos += 2;
      const property = identifier();
      expect(',');
      const value = literal();
      if (typeof value !== 'string') fail();
      expect(')');
      return { kind: 'fn', name: word, property, value: value as string };
    }
    if (t.type === 'ident' && word.endsWith('/any') && tokens[pos + 1]?.text === '(') {
      pos += 2;
      const variable = identifier();
      expect(':');
      const path = identifier();
      const [prefix, field] = path.split('/');
      if (prefix?.toLowerCase() !== variable.toLowerCase() || !field) fail();
      expect('eq');
      const next = peek();
      const value = next?.type === 'ident' && GUID_LITERAL.test(next.text) ? take().text : literal();
      expect(')');
      return { kind: 'any', property: t.text.slice(0, -'/any'.length), field: field as string, value };
    }
    if (t.type === 'ident' && word === 'not') throw new GraphQueryError('Request_UnsupportedQuery', "Unsupported query: the 'not' operator is not supported by this simulator.");
    const property = identifier();
    const op = take();
    const opWord = op.text.toLowerCase();
    if (opWord === 'eq' || opWord === 'ne') return { kind: 'cmp', op: opWord, property, value: literal() };
    if (opWord === 'in') {
      expect('(');
      const values = [literal()];
      while (peek()?.text === ',') {
        take();
        values.push(literal());
      }
      expect(')');
      return { kind: 'in', property, values };
    }
    if (['gt', 'ge', 'lt', 'le'].includes(opWord)) throw new GraphQueryError('Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property '${property}'.`);
    return fail(op.at);
  };
  const binary = (op: 'and' | 'or', operand: () => FilterNode) => (): FilterNode => {
    let node = operand();
    while (peek()?.type === 'ident' && peek()?.text.toLowerCase() === op) {
      take();
      node = { kind: op, left: node, right: operand() };
    }
    return node;
  };
  const and = binary('and', primary);
  const or = binary('or', and);
  if (tokens.length === 0) fail(0);
  const tree = or();
  if (pos < tokens.length) fail();
  return tree;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'") {
      const start = i;
      let text = '';
      i += 1;
      for (;;) {
        if (i >= source.length) throw new GraphQueryError('BadRequest', `Invalid filter clause: Unterminated string literal at position ${start} in '${source}'.`);
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        text += source[i];
        i += 1;
      }
      tokens.push({ type: 'string', text, at: start });
    } else if ('(),:'.includes(c)) {
      tokens.push({ type: 'punct', text: c, at: i });
      i += 1;
    } else {
      const match = /^[A-Za-z0-9_./@-]+/.exec(source.slice(i));
      if (!match) throw new GraphQueryError('BadRequest', `Invalid filter clause: Syntax error at position ${i} in '${source}'.`);
      tokens.push({ type: 'ident', text: match[0], at: i });
      i += match[0].length;
    }
  }
  return tokens;
}

/** Properties named in a filter (for capability checks). */
export function filterProperties(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...filterProperties(node.left), ...filterProperties(node.right)];
    default:
      return [node.property];
  }
}

/** Does the filter need Graph's advanced query mode (ConsistencyLevel: eventual + $count=true)? */
export function needsAdvancedQuery(node: FilterNode): boolean {
  if (node.kind === 'and' || node.kind === 'or') return needsAdvancedQuery(node.left) || needsAdvancedQuery(node.right);
  return (node.kind === 'cmp' && node.op === 'ne') || (node.kind === 'fn' && node.name === 'endswith');
}

/** String comparison is case-insensitive, as in Entra directory queries. */
export function evaluateFilter(node: FilterNode, read: (property: string) => unknown): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, read) && evaluateFilter(node.right, read);
    case 'or':
      return evaluateFilter(node.left, read) || evaluateFilter(node.right, read);
    case 'cmp': {
      const same = equals(read(node.property), node.value);
      return node.op === 'eq' ? same : !same;
    }
    case 'in':
      return node.values.some((v) => equals(read(node.property), v));
    case 'any': {
      const items = read(node.property);
      return Array.isArray(items) && items.some((item) => typeof item === 'object' && item !== null && equals((item as Record<string, unknown>)[node.field], node.value));
    }
    case 'fn': {
      const actual = read(node.property);
      if (typeof actual !== 'string') return false;
      const a = actual.toLowerCase();
      const v = node.value.toLowerCase();
      return node.name === 'startswith' ? a.startsWith(v) : a.endsWith(v);
    }
  }
}

function equals(actual: unknown, expected: Literal): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (typeof expected === 'string') return typeof actual === 'string' && actual.toLowerCase() === expected.toLowerCase();
  return actual === expected;
}
