/**
 * `npm run cli -- audit [--since <ISO date | 24h | 7d | 30m>] [--json]`: exports the audit trail,
 * oldest first, as tab-separated lines or as a JSON array.
 */
import { invalidInput } from '../errors';
import type { AuditEntry } from '../security/audit-log';
import { securityFor } from '../security/guard';
import type { CliCommand } from './commands';

export interface AuditExportOptions {
  /** Epoch milliseconds, or null for everything. */
  since: number | null;
  json: boolean;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const USAGE = 'Usage: audit [--since <ISO date, or a duration like 24h, 7d, 30m>] [--json]';

/** `24h` → 24 hours before now; `2026-11-01` or `2026-11-01T08:00:00Z` → that instant (UTC if no zone). */
export function parseSince(value: string, now: number): number {
  const duration = /^(\d{1,6})([mhd])$/i.exec(value.trim());
  if (duration) return now - Number(duration[1]) * (UNIT_MS[duration[2]!.toLowerCase()] ?? 0);
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(value.trim());
  const text = iso && !iso[4] && iso[1] ? `${value.trim()}Z` : value.trim();
  const at = iso ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) throw invalidInput(`"--since ${value}" is neither an ISO date (2026-11-01 or 2026-11-01T08:00:00Z) nor a duration (24h, 7d, 30m).`);
  return at;
}

export function parseAuditArgs(args: readonly string[], now: number): AuditExportOptions {
  const options: AuditExportOptions = { since: null, json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--since') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw invalidInput(`--since needs a value. ${USAGE}`);
      options.since = parseSince(value, now);
      i += 1;
    } else if (arg?.startsWith('--since=')) options.since = parseSince(arg.slice('--since='.length), now);
    else throw invalidInput(`Unknown argument "${arg ?? ''}". ${USAGE}`);
  }
  return options;
}

/** Oldest first, so the export reads as a timeline. */
export function formatAuditExport(newestFirst: readonly AuditEntry[], json: boolean): string {
  const entries = [...newestFirst].reverse();
  if (json) {
    const rows = entries.map(({ at, ...rest }) => ({ at: new Date(at).toISOString(), ...rest }));
    return `${JSON.stringify(rows, null, 2)}\n`;
  }
  const header = ['at', 'result', 'code', 'who', 'object id', 'kind', 'what', 'environment', 'summary'].join('\t');
  const lines = entries.map((e) =>
    [new Date(e.at).toISOString(), e.result, e.code ?? '', e.actorName, e.actorId ?? '', e.kind, e.what, e.environment ?? '', e.summary].join('\t'),
  );
  return `${[header, ...lines].join('\n')}\n`;
}

/** `audit [--since …] [--json]`: every matching entry (no limit), oldest first. */
export const auditCliCommand: CliCommand = {
  name: 'audit',
  usage: 'audit [--since <ISO date|24h>] [--json]',
  summary: 'Export the audit trail (who did what, where, with what result).',
  async run(args, deps, io) {
    const options = parseAuditArgs(args, deps.now());
    const entries = await securityFor(deps).audit.list({ since: options.since ?? undefined, limit: 0 });
    io.out(formatAuditExport(entries, options.json).trimEnd());
    return 0;
  },
};
