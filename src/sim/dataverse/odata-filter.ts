import { Parser } from './filter-parser';
import { tokenize } from './filter-tokenizer';

/**
 * A small OData `$filter` parser for the Dataverse surface: comparisons (eq ne gt ge lt le) of a
 * column with a literal (quoted strings with '' escapes, unquoted GUIDs, numbers, true/false,
 * null), and/or/not, parentheses, contains/startswith/endswith, and
 * `Microsoft.Dynamics.CRM.In(PropertyName='col',PropertyValues=['a','b'])`, also with parameter
 * aliases (`PropertyName=@p1,PropertyValues=@p2&@p1='col'&@p2=["a","b"]`, values in double quotes).
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

export { FilterSyntaxError } from './filter-tokenizer';

/** `aliases`: the request's `@name` query parameters, whose values stand in for literals and lists. */
export function parseFilter(source: string, aliases: ReadonlyMap<string, string> = new Map()): FilterNode {
  const parser = new Parser(source, tokenize(source), aliases);
  const node = parser.expression();
  parser.expectEnd();
  return node;
}
