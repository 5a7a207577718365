import { normalise, straightenQuotes, trimSentence } from '../../app/text';
import { unquote } from '../../domain/resolve';

export interface WatchRequest {
  group: string;
  environment: string;
}

export interface UnwatchRequest {
  group: string;
  /** null: every environment this group is watched for. */
  environment: string | null;
}

// Group names may contain "for" or "in" ("Access for Contractors"); environment names rarely do, so the last one splits.
const WATCH = /^(?:please )?(?:start )?watch(?:ing)?\s+(?:the\s+group\s+)?(.+)\s+(?:for|in|into|to)\s+(.+?)$/i;
const UNWATCH_ONLY = /^(?:please )?(?:stop watching|unwatch|don't watch)\s+(?:the\s+group\s+)?(.+)$/i;
const ENV_SUFFIX = /^(.+)\s+(?:for|in|into|to)\s+(.+?)$/i;

/** `watch <group> for <environment>` */
export function parseWatch(text: string): WatchRequest | null {
  const match = WATCH.exec(trimmed(text));
  if (!match) return null;
  const group = unquote(match[1] ?? '');
  const environment = unquote(match[2] ?? '');
  return group === '' || environment === '' ? null : { group, environment };
}

/** `stop watching <group> [for <environment>]`, `unwatch …` */
export function parseUnwatch(text: string): UnwatchRequest | null {
  const match = UNWATCH_ONLY.exec(trimmed(text));
  if (!match) return null;
  const rest = match[1] ?? '';
  // `stop watching "Access for Contractors"`: a quoted name is whole; otherwise a trailing "for <env>" names the environment.
  const quoted = /^["\u201c](.+)["\u201d]$/.exec(rest);
  const split = quoted ? null : ENV_SUFFIX.exec(rest);
  const group = unquote(quoted?.[1] ?? split?.[1] ?? rest);
  const environment = split ? unquote(split[2] ?? '') : null;
  return group === '' || environment === '' ? null : { group, environment };
}

/** `watches`, `list watches`, `what are you watching` */
export function parseListWatches(text: string): Record<string, never> | null {
  return /^(?:(?:list|show)(?: the| all)? )?watch(?:es|ed groups|list)$|^what are you watching$/.test(normalise(text)) ? {} : null;
}

function trimmed(text: string): string {
  return trimSentence(straightenQuotes(text));
}

const PARTIAL_WATCH = /^(?:please )?(?:start )?watch(?:ing)?(?:\s+(?:the\s+group\s+)?(.+))?$/i;

/** `watch UAT Access` (for which environment?) or `watch` alone: the parts a dialog still has to ask for. */
export function parsePartialWatch(text: string): Partial<WatchRequest> | null {
  const match = PARTIAL_WATCH.exec(trimmed(text));
  if (!match) return null;
  const group = unquote(match[1] ?? '');
  return group === '' ? {} : { group };
}
