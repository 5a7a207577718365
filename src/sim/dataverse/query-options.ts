import { queryError, unknownProperty } from './dataverse-errors';
import { entitySet, navigationOf, type EntitySet } from './entity-sets';
import { validateFilter } from './filter-eval';
import type { NavigationProperty } from './navigation-metadata';
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
  kind: NavigationProperty['kind'];
  target: EntitySet;
  options: QueryOptions;
  /** The options as written inside the parentheses, in order: `<property>@odata.nextLink` repeats them. */
  written: [string, string][];
}

/** The options of a request, and whether any `$expand` sits inside another one (a "nested $expand"). */
export interface ReadQuery {
  options: QueryOptions;
  nested: boolean;
}

const TOP_LEVEL_OPTIONS = new Set(['$select', '$filter', '$expand', '$orderby', '$top', '$count', '$skiptoken']);
/** Join tables using OData: "$skip, $count, $search, and $levels aren't supported" inside $expand. */
const EXPAND_OPTIONS = new Set(['$select', '$filter', '$expand', '$orderby', '$top']);
/** §3.3: "up to 5,000 related rows per single-level expand". */
export const EXPANDED_ROWS_LIMIT = 5000;

/** Join tables using OData, "Nested $expand with N:N relationships" (§3.3). */
export function notNestable(navigation: string): Error {
  return queryError(`The navigation property '${navigation}' cannot be expanded. Only many-to-one relationships are supported for nested expansion.`);
}

/** Join tables using OData, "Nested $expand on collection-valued navigation properties" (§3.3). */
const ONLY_SELECT_AND_FILTER = 'Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.';

/** Reads and validates the system query options of a request against `set`. */
export function readQueryOptions(query: URLSearchParams, set: EntitySet): ReadQuery {
  const raw = new Map<string, string>();
  const aliases = new Map([...query].filter(([key]) => key.startsWith('@')));
  for (const [key, value] of query) {
    if (!key.startsWith('$')) continue;
    if (!TOP_LEVEL_OPTIONS.has(key)) throw queryError(`The query parameter ${key} is not supported`);
    raw.set(key, value);
  }
  const options = buildOptions(raw, set, aliases);
  const nested = options.expand.some((expand) => expand.options.expand.length > 0);
  checkExpandRules(options.expand, nested);
  return { options, nested };
}

function buildOptions(raw: Map<string, string>, set: EntitySet, aliases: ReadonlyMap<string, string>): QueryOptions {
  const select = raw.has('$select') ? readSelect(raw.get('$select') ?? '', set) : null;
  const filter = raw.has('$filter') ? readFilter(raw.get('$filter') ?? '', set, aliases) : null;
  const expand = raw.has('$expand') ? splitTopLevel(raw.get('$expand') ?? '', ',').map((item) => readExpand(item, set, aliases)) : [];
  const orderBy = raw.has('$orderby') ? readOrderBy(raw.get('$orderby') ?? '', set) : [];
  const top = raw.has('$top') ? readTop(raw.get('$top') ?? '') : null;
  const countText = raw.get('$count');
  if (countText !== undefined && countText !== 'true' && countText !== 'false') throw queryError(`'${countText}' is not a valid count option.`);
  return { select, filter, expand, orderBy, top, count: countText === 'true' };
}

/**
 * The rules that depend on a navigation's relationship kind (Join tables using OData, §3.3): an N:N
 * property can neither carry a nested $expand nor be one (checked over the whole tree first), then
 * $top/$orderby are refused inside a many-to-one expand and inside every expand of a nested query.
 */
function checkExpandRules(expands: ExpandOption[], nested: boolean): void {
  const visit = (level: ExpandOption[], depth: number, check: (expand: ExpandOption, depth: number) => void): void => {
    for (const expand of level) {
      check(expand, depth);
      visit(expand.options.expand, depth + 1, check);
    }
  };
  visit(expands, 1, (expand, depth) => {
    if (expand.kind === 'N:N' && (depth > 1 || expand.options.expand.length > 0)) throw notNestable(expand.navigation);
  });
  visit(expands, 1, (expand) => {
    const limited = expand.options.top !== null || expand.options.orderBy.length > 0;
    if (limited && (expand.kind === 'N:1' || nested)) throw queryError(ONLY_SELECT_AND_FILTER);
  });
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
function readExpand(item: string, set: EntitySet, aliases: ReadonlyMap<string, string>): ExpandOption {
  const match = /^\s*([\w.]+)\s*(?:\((.*)\))?\s*$/s.exec(item);
  if (!match) throw queryError(`Syntax error in $expand: '${item}'.`);
  const navigation = match[1] ?? '';
  const metadata = navigationOf(set, navigation);
  const target = metadata ? entitySet(metadata.target) : undefined;
  if (!metadata || !target) throw unknownProperty(navigation, set.typeName);
  const written: [string, string][] = [];
  for (const part of match[2] ? splitTopLevel(match[2], ';') : []) {
    const equals = part.indexOf('=');
    const key = part.slice(0, equals).trim();
    if (equals < 0 || !EXPAND_OPTIONS.has(key)) throw queryError(`The query option '${part.trim()}' is not supported inside $expand.`);
    written.push([key, part.slice(equals + 1)]);
  }
  return { navigation, kind: metadata.kind, target, options: buildOptions(new Map(written), target, aliases), written };
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
