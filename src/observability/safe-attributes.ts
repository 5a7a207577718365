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

/** Identifiers only: route names (`diagnose form`), verbs, codes, ids. At most four words; no `@`, `/`, `?`, `=`. */
const WORDS = /^[A-Za-z0-9._:-]+( [A-Za-z0-9._:-]+){0,3}$/;
const safeText = (text: string, max: number): boolean => text.length <= max && WORDS.test(text);

/** Span and metric names: `command diagnose form`, `outbound.requests`. */
export const isSafeName = (name: string): boolean => safeText(name, 60);

function safeValue(value: AttributeValue | undefined): AttributeValue | undefined {
  if (typeof value === 'string') return safeText(value, 60) ? value : undefined;
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
