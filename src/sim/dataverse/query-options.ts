import { queryError, unknownProperty } from './dataverse-errors';
import type { EntitySet } from './entity-sets';
import { ENTITY_SETS } from './entity-sets';
import { validateFilter } from './filter-eval';
import { FilterSyntaxError, parseFilter, type FilterNode } from './odata-filter';

export interface QueryOptions {
  select: string[] | null;
  filter: FilterNode | null;
  expand: ExpandOption[];
  orderBy: { property: string; descending: boolean }[];
  top: number | null;
  count: boolean;
}

export interface ExpandOption {
  navigation: string;
  target: EntitySet;
  options: QueryOptions;
}

const TOP_LEVEL_OPTIONS = new Set(['$select', '$filter', '$expand', '$orderby', '$top', '$count', '$skiptoken']);
const EXPAND_OPTIONS = new Set(['$select', '$filter', '$expand', '$orderby']);
/** §3.3: "not $top/$orderby inside nested expands" ($top is refused in every expand here). */
const NESTED_EXPAND_OPTIONS = new Set(['$select', '$filter', '$expand']);
/** §3.3: "up to 5,000 related rows per single-level expand". */
export const EXPANDED_ROWS_LIMIT = 5000;

/** Reads and validates the system query options of a request against `set`. */
export function readQueryOptions(query: URLSearchParams, set: EntitySet): QueryOptions {
  const raw = new Map<string, string>();
  const aliases = new Map([...query].filter(([key]) => key.startsWith('@')));
  for (const [key, value] of query) {
    if (!key.startsWith('$')) continue;
    if (!TOP_LEVEL_OPTIONS.has(key)) throw queryError(`The query parameter ${key} is not supported`);
    raw.set(key, value);
  }
  return buildOptions(raw, set, aliases, 0);
}

/** `depth`: 0 for the request itself, 1 inside an $expand, 2 inside an $expand inside an $expand. */
function buildOptions(raw: Map<string, string>, set: EntitySet, aliases: ReadonlyMap<string, string>, depth: number): QueryOptions {
  const select = raw.has('$select') ? readSelect(raw.get('$select') ?? '', set) : null;
  const filter = raw.has('$filter') ? readFilter(raw.get('$filter') ?? '', set, aliases) : null;
  const expand = raw.has('$expand') ? splitTopLevel(raw.get('$expand') ?? '', ',').map((item) => readExpand(item, set, aliases, depth + 1)) : [];
  const orderBy = raw.has('$orderby') ? readOrderBy(raw.get('$orderby') ?? '', set) : [];
  const top = raw.has('$top') ? readTop(raw.get('$top') ?? '') : null;
  const countText = raw.get('$count');
  if (countText !== undefined && countText !== 'true' && countText !== 'false') throw queryError(`'${countText}' is not a valid count option.`);
  return { select, filter, expand, orderBy, top, count: countText === 'true' };
}

function readSelect(text: string, set: EntitySet): string[] {
  const columns = text.split(',').map((column) => column.trim());
  for (const column of columns) if (!set.columns[column]) throw unknownProperty(column, set.typeName);
  return columns;
}

function readFilter(text: string, set: EntitySet, aliases: ReadonlyMap<string, string>): FilterNode {
  try {
    const node = parseFilter(text, aliases);
    validateFilter(node, set);
    return node;
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw queryError(error.message);
    throw error;
  }
}

function readOrderBy(text: string, set: EntitySet): QueryOptions['orderBy'] {
  return text.split(',').map((part) => {
    const [property = '', direction = 'asc', extra] = part.trim().split(/\s+/);
    if (!set.columns[property]) throw unknownProperty(property, set.typeName);
    if (extra !== undefined || (direction !== 'asc' && direction !== 'desc')) throw queryError(`Syntax error at position ${part.length} in '${text}'.`);
    return { property, descending: direction === 'desc' };
  });
}

function readTop(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw queryError(`Invalid value '${text}' for $top query option found. The $top query option requires a non-negative integer value.`);
  return Number(text);
}

/** `nav` or `nav($select=a,b;$filter=…;$expand=inner(…))`. */
function readExpand(item: string, set: EntitySet, aliases: ReadonlyMap<string, string>, depth: number): ExpandOption {
  const match = /^\s*([\w.]+)\s*(?:\((.*)\))?\s*$/s.exec(item);
  if (!match) throw queryError(`Syntax error in $expand: '${item}'.`);
  const navigation = match[1] ?? '';
  const targetName = set.navigations[navigation];
  const target = targetName ? ENTITY_SETS[targetName] : undefined;
  if (!target) throw unknownProperty(navigation, set.typeName);
  const raw = new Map<string, string>();
  for (const part of match[2] ? splitTopLevel(match[2], ';') : []) {
    const equals = part.indexOf('=');
    const key = part.slice(0, equals).trim();
    const allowed = depth > 1 ? NESTED_EXPAND_OPTIONS : EXPAND_OPTIONS;
    if (equals < 0 || !allowed.has(key)) throw queryError(`The query option '${part.trim()}' is not supported inside ${depth > 1 ? 'a nested ' : ''}$expand.`);
    raw.set(key, part.slice(equals + 1));
  }
  return { navigation, target, options: buildOptions(raw, target, aliases, depth) };
}

function splitTopLevel(text: string, separator: ',' | ';'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === "'") quoted = !quoted;
    else if (!quoted && char === '(') depth += 1;
    else if (!quoted && char === ')') depth -= 1;
    else if (!quoted && depth === 0 && char === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0 || quoted) throw queryError(`Syntax error: unbalanced parentheses or quotes in '${text}'.`);
  parts.push(text.slice(start));
  return parts.filter((part) => part.trim().length > 0);
}
