import { collapseSpaces } from '../../app/text';
import { unquote } from '../../domain/resolve';

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
}

const COMMAND = /^(?:force[- ])?sync\s+(.+?)\s+(?:to|into)\s+(.+)$/i;
const OPTIONS: [RegExp, keyof Pick<SyncRequest, 'includeNested' | 'readyOnly' | 'waitForLicences'>][] = [
  [/\s+(?:including|include|with|incl\.?)\s+nested(?:\s+groups?)?$/i, 'includeNested'],
  [/\s+(?:ready\s+only|only\s+(?:members\s+who\s+are\s+|those\s+)?ready)$/i, 'readyOnly'],
  [/\s+(?:and\s+)?wait(?:ing)?\s+for\s+licen[cs]es?$/i, 'waitForLicences'],
];

/** `sync <group or people> to <environment> [including nested groups] [ready only] [wait for licences]` */
export function parseSync(text: string): SyncRequest | null {
  let rest = collapseSpaces(text).replace(/[.!?]+$/, '');
  const flags = { includeNested: false, readyOnly: false, waitForLicences: false };
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
  const match = COMMAND.exec(rest);
  if (!match) return null;
  const target = unquote(match[1] ?? '');
  const environment = unquote(match[2] ?? '');
  if (target === '' || environment === '') return null;
  return { target, names: splitNames(target), environment, ...flags };
}

/** `Jane, Bob and Ravi` → ['Jane', 'Bob', 'Ravi'] (each unquoted). */
export function splitNames(target: string): string[] {
  return target
    .split(/\s*,\s*|\s+(?:and|&)\s+/i)
    .map(unquote)
    .filter((n) => n !== '');
}
