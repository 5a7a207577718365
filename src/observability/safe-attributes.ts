import type { AttributeValue, Attributes } from './telemetry';

/**
 * The only attribute keys that leave the process. Everything else is dropped, so a careless call
 * site cannot export message text, names, UPNs or URLs (which carry UPNs in their filters).
 */
export const EXPORTED_KEYS: ReadonlySet<string> = new Set([
  'route.kind',
  'route.name',
  'route.access',
  'caller.role',
  'outcome',
  'error.code',
  'job.id',
  'job.kind',
  'job.state',
  'job.members',
  'job.synced',
  'job.failed',
  'job.throttled',
  'surface',
  'http.method',
  'http.status_code',
  'telemetry.dropped',
]);

/** Identifiers only: route names, verbs, codes, ids. No spaces, no `@`, short. */
const SAFE_TEXT = /^[A-Za-z0-9._:-]{1,80}$/;

/** Span and metric names: identifiers, optionally two words (`command environments`). */
const SAFE_NAME = /^[A-Za-z0-9._:-]{1,60}( [A-Za-z0-9._:-]{1,60})?$/;

export const isSafeName = (name: string): boolean => SAFE_NAME.test(name);

function safeValue(value: AttributeValue | undefined): AttributeValue | undefined {
  if (typeof value === 'string') return SAFE_TEXT.test(value) ? value : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return value;
}

/** Allowed keys with identifier-shaped values, sorted by key (so equal sets make equal series). */
export function safeAttributes(attrs: Attributes | undefined): [string, AttributeValue][] {
  if (!attrs) return [];
  const out: [string, AttributeValue][] = [];
  for (const key of Object.keys(attrs).sort()) {
    if (!EXPORTED_KEYS.has(key)) continue;
    const value = safeValue(attrs[key]);
    if (value !== undefined) out.push([key, value]);
  }
  return out;
}
