import type { AttributeValue, Attributes } from './telemetry';

/**
 * The only attribute keys the bot's own spans and metrics carry. Everything else is dropped, so
 * a careless call site cannot export message text, names, UPNs or URLs (which carry UPNs in their
 * filters). Spans of Microsoft calls are built from safe parts only (src/gateways/http/outbound-call.ts).
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
  'job.skipped',
  'job.throttled',
  'sync.failure.reason',
  'surface',
  'http.request.method',
  'http.response.status_code',
  'notification.operation',
]);

/** Identifiers only: route names (`diagnose form`), verbs, codes, ids. At most four words; no `@`, `/`, `?`, `=`. */
const WORDS = /^[A-Za-z0-9._:-]+( [A-Za-z0-9._:-]+){0,3}$/;
const safeText = (text: string, max: number): boolean => text.length <= max && WORDS.test(text);

/** Span names: `command diagnose form`, `action sync.confirm`, `sync.job`. */
export const isSafeName = (name: string): boolean => safeText(name, 60);

function safeValue(value: AttributeValue | undefined): AttributeValue | undefined {
  if (typeof value === 'string') return safeText(value, 60) ? value : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return value;
}

/** Allowed keys with identifier-shaped values (others and undefined ones left out). */
export function safeAttributes(attrs: Attributes | undefined): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  if (!attrs) return out;
  for (const key of Object.keys(attrs)) {
    if (!EXPORTED_KEYS.has(key)) continue;
    const value = safeValue(attrs[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
