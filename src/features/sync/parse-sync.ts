import { collapseSpaces } from '../../app/text';
import { unquote } from '../../domain/resolve';
import type { JobOptions } from '../../jobs/job-types';

/** A sync request as typed: names still to be resolved. */
export interface SyncRequest {
  /** Everything between "sync" and "to", as typed (a group name may itself contain "and" or commas). */
  target: string;
  /** The same text split into people: `Jane, Bob and Ravi` → ['Jane', 'Bob', 'Ravi']. */
  names: string[];
  environment: string;
  includeNested: boolean;
  readyOnly: boolean;
  waitForLicences: boolean;
  /** `as <role>` / `with role <role>`: each member gets this security role once in Dataverse (as typed). */
  role?: string;
  /** `in business unit <name>`: each member is moved there once in Dataverse (as typed). */
  businessUnit?: string;
  /** The role and business unit once found in the environment (set by the sync, not typed). */
  resolved?: Pick<JobOptions, 'role' | 'businessUnit'>;
}

const COMMAND = /^(?:force[- ])?sync\s+(.+?)\s+(?:to|into)\s+(.+)$/i;
type SyncFlags = Pick<SyncRequest, 'includeNested' | 'readyOnly' | 'waitForLicences'>;

const OPTIONS: [RegExp, keyof SyncFlags][] = [
  [/\s+(?:including|include|with|incl\.?)\s+nested(?:\s+groups?)?$/i, 'includeNested'],
  [/\s+(?:ready\s+only|only\s+(?:members\s+who\s+are\s+|those\s+)?ready)$/i, 'readyOnly'],
  [/\s+(?:and\s+)?wait(?:ing)?\s+for\s+licen[cs]es?$/i, 'waitForLicences'],
];

/** The options at the end of a sync request (in any order), and the text before them. */
export function takeSyncOptions(text: string): { rest: string; flags: SyncFlags } {
  let rest = collapseSpaces(text).replace(/[.!?]+$/, '');
  const flags: SyncFlags = { includeNested: false, readyOnly: false, waitForLicences: false };
  for (let changed = true; changed; ) {
    changed = false;
    for (const [pattern, flag] of OPTIONS) {
      if (pattern.test(rest)) {
        rest = rest.replace(pattern, '');
        flags[flag] = true;
        changed = true;
      }
    }
  }
  return { rest, flags };
}

/** `sync <group or people> to <environment> [including nested groups] [ready only] [wait for licences]` */
export function parseSync(text: string): SyncRequest | null {
  const { rest, flags } = takeSyncOptions(text);
  const match = COMMAND.exec(rest);
  if (!match) return null;
  const target = unquote(match[1] ?? '');
  const { environment, ...parts } = takeRoleParts(match[2] ?? '');
  if (target === '' || environment === '') return null;
  const more = takeSyncOptions(environment);
  const found = { ...flags };
  for (const key of Object.keys(more.flags) as (keyof SyncFlags)[]) found[key] ||= more.flags[key];
  return { target, names: splitNames(target), environment: unquote(more.rest), ...found, ...parts };
}

/** Each part's value stops where the other begins, so either order reads. */
const NOT_ROLE = String.raw`(?!\s+(?:as|with\s+(?:the\s+)?(?:security\s+)?role)\s)`;
const NOT_UNIT = String.raw`(?!\s+in\s+(?:the\s+)?(?:\S+\s+)*?business\s+unit\b)`;
const ROLE_PARTS: [RegExp, 'role' | 'businessUnit'][] = [
  [new RegExp(String.raw`\s+in\s+(?:the\s+)?business\s+unit\s+((?:${NOT_ROLE}.)+)$`, 'i'), 'businessUnit'],
  [new RegExp(String.raw`\s+in\s+(?:the\s+)?((?:${NOT_ROLE}.)+?)\s+business\s+unit$`, 'i'), 'businessUnit'],
  [new RegExp(String.raw`\s+(?:as|with\s+(?:the\s+)?(?:security\s+)?role)\s+(?:the\s+)?((?:${NOT_UNIT}.)+?)(?:\s+(?:security\s+)?role)?$`, 'i'), 'role'],
  [new RegExp(String.raw`\s+with\s+(?:the|a)\s+((?:${NOT_UNIT}.)+?)\s+(?:security\s+)?role$`, 'i'), 'role'],
];

/** `UAT as Finance Clerk in business unit Finance` → the environment, the role and the business unit (either order). */
function takeRoleParts(text: string): { environment: string; role?: string; businessUnit?: string } {
  let environment = collapseSpaces(text);
  const parts: { role?: string; businessUnit?: string } = {};
  for (let changed = true; changed; ) {
    changed = false;
    for (const [pattern, key] of ROLE_PARTS) {
      const match = parts[key] === undefined ? pattern.exec(environment) : null;
      if (!match) continue;
      parts[key] = unquote(match[1] ?? '');
      environment = environment.slice(0, match.index);
      changed = true;
    }
  }
  return { environment: unquote(environment), ...Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== '')) };
}

const PARTIAL = /^(?:force[- ])?sync\s+(?:(?:to|into)\s+(?<environment>.+)|(?<target>.+?)(?:\s+(?:to|into))?)$/i;

/** A sync request missing a part: `sync Financial Coordinators` (no environment), `sync to UAT` (nobody). */
export function parsePartialSync(text: string): Partial<SyncRequest> | null {
  const { rest, flags } = takeSyncOptions(text);
  const groups = PARTIAL.exec(rest)?.groups;
  if (!groups) return null;
  const target = unquote(groups.target ?? '');
  const environment = unquote(groups.environment ?? '');
  if (target === '' && environment === '') return null;
  return { ...(target ? { target } : {}), ...(environment ? { environment } : {}), ...flags };
}

/** `Jane, Bob and Ravi` → ['Jane', 'Bob', 'Ravi'] (each unquoted). */
export function splitNames(target: string): string[] {
  return target
    .split(/\s*,\s*|\s+(?:and|&)\s+/i)
    .map(unquote)
    .filter((n) => n !== '');
}
