import { queryError, unknownProperty } from './dataverse-errors';
import type { ColumnType, EntitySet, Row } from './entity-sets';
import type { ComparisonOperator, FilterNode, Literal } from './odata-filter';

const OPERATOR_KIND: Record<ComparisonOperator, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

const EDM: Record<ColumnType | Literal['type'], string> = {
  guid: 'Edm.Guid',
  string: 'Edm.String',
  bool: 'Edm.Boolean',
  int: 'Edm.Int32',
  number: 'Edm.Int32',
  null: 'null',
};

/** Rejects unknown columns and literals of the wrong type, with Dataverse's messages. */
export function validateFilter(node: FilterNode, set: EntitySet): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      validateFilter(node.left, set);
      validateFilter(node.right, set);
      return;
    case 'not':
      validateFilter(node.operand, set);
      return;
    case 'in':
      columnType(set, node.property);
      return;
    case 'text':
      if (columnType(set, node.property) !== 'string') {
        throw queryError(`No function signature for the function with name '${node.fn}' matches the specified arguments.`);
      }
      return;
    case 'compare': {
      const type = columnType(set, node.property);
      const literal = node.value.type;
      const compatible = literal === 'null' || literal === type || (literal === 'number' && type === 'int');
      if (!compatible) {
        throw queryError(
          `A binary operator with incompatible types was detected. Found operand types '${EDM[type]}' and '${EDM[literal]}' for operator kind '${OPERATOR_KIND[node.op]}'.`,
        );
      }
    }
  }
}

function columnType(set: EntitySet, property: string): ColumnType {
  const type = set.columns[property];
  if (!type) throw unknownProperty(property, set.typeName);
  return type;
}

export function matches(node: FilterNode, row: Row): boolean {
  switch (node.kind) {
    case 'and':
      return matches(node.left, row) && matches(node.right, row);
    case 'or':
      return matches(node.left, row) || matches(node.right, row);
    case 'not':
      return !matches(node.operand, row);
    case 'in': {
      const value = normalise(row.record[node.property]);
      return node.values.some((candidate) => normalise(stripBraces(candidate)) === value);
    }
    case 'text': {
      const value = normalise(row.record[node.property]);
      const wanted = normalise(node.value);
      if (typeof value !== 'string' || typeof wanted !== 'string') return false;
      return node.fn === 'contains' ? value.includes(wanted) : node.fn === 'startswith' ? value.startsWith(wanted) : value.endsWith(wanted);
    }
    case 'compare':
      return compare(node.op, normalise(row.record[node.property]), literalValue(node.value));
  }
}

type Comparable = string | number | boolean | null;

/** Dataverse compares text case-insensitively (default collation), GUIDs regardless of case. */
function normalise(value: unknown): Comparable {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** In() accepts GUIDs written `{…}` as well as bare. */
function stripBraces(value: string): string {
  return /^\{[0-9a-f-]{36}\}$/i.test(value) ? value.slice(1, -1) : value;
}

function literalValue(literal: Literal): Comparable {
  return literal.type === 'null' ? null : normalise(literal.value);
}

function compare(op: ComparisonOperator, left: Comparable, right: Comparable): boolean {
  if (op === 'eq') return left === right;
  if (op === 'ne') return left !== right;
  if (left === null || right === null) return false;
  if (op === 'gt') return left > right;
  if (op === 'ge') return left >= right;
  if (op === 'lt') return left < right;
  return left <= right;
}

/** Object ids that `… eq {guid}` clauses (joined by or / and) or In() pin the result to, for the index. */
export function pinnedValues(node: FilterNode, property: string): string[] | null {
  if (node.kind === 'compare' && node.op === 'eq' && node.property === property && node.value.type === 'guid') return [node.value.value];
  if (node.kind === 'in' && node.property === property) return node.values.map((value) => stripBraces(value).toLowerCase());
  if (node.kind === 'and') return pinnedValues(node.left, property) ?? pinnedValues(node.right, property);
  if (node.kind === 'or') {
    const left = pinnedValues(node.left, property);
    const right = left && pinnedValues(node.right, property);
    return left && right ? [...left, ...right] : null;
  }
  return null;
}
