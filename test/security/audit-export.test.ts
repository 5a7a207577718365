import { formatAuditExport, parseAuditArgs, parseSince } from '../../src/cli/audit.command';
import type { AuditEntry } from '../../src/security/audit-log';

const NOW = Date.UTC(2026, 10, 22, 6, 0, 0);

describe('audit export arguments', () => {
  it.each([
    ['24h', NOW - 24 * 3_600_000],
    ['7d', NOW - 7 * 86_400_000],
    ['30m', NOW - 30 * 60_000],
    ['2026-11-01', Date.UTC(2026, 10, 1)],
    ['2026-11-01T08:00', Date.UTC(2026, 10, 1, 8, 0)],
    ['2026-11-01T08:00:00Z', Date.UTC(2026, 10, 1, 8, 0)],
    ['2026-11-01T08:00:00+02:00', Date.UTC(2026, 10, 1, 6, 0)],
  ])('--since %s', (value, expected) => {
    expect(parseSince(value, NOW)).toBe(expected);
  });

  it.each(['yesterday', '24', '-1h', '2026-13-45', '1e9h', "'; DROP TABLE audit_log; --"])('refuses --since %s with an example of what works', (value) => {
    expect(() => parseSince(value, NOW)).toThrow(/neither an ISO date .* nor a duration/);
  });

  it('reads --json, --since <v> and --since=<v>; refuses unknown flags and a missing value', () => {
    expect(parseAuditArgs([], NOW)).toEqual({ since: null, json: false });
    expect(parseAuditArgs(['--since', '24h', '--json'], NOW)).toEqual({ since: NOW - 86_400_000, json: true });
    expect(parseAuditArgs(['--since=1h'], NOW)).toEqual({ since: NOW - 3_600_000, json: false });
    expect(() => parseAuditArgs(['--since'], NOW)).toThrow(/--since needs a value/);
    expect(() => parseAuditArgs(['--since', '--json'], NOW)).toThrow(/--since needs a value/);
    expect(() => parseAuditArgs(['--delete'], NOW)).toThrow(/Unknown argument "--delete"/);
  });
});

describe('audit export format', () => {
  const entries: AuditEntry[] = [
    { id: 2, at: NOW, actorId: 'l-1', actorName: 'Liam Chen', kind: 'refusal', what: 'sync', summary: 'sync Sales to UAT', environment: 'UAT', result: 'refused', code: 'auth.forbidden' },
    { id: 1, at: NOW - 60_000, actorId: 'n-1', actorName: 'Nadia Rahman', kind: 'command', what: 'audit', summary: 'audit', environment: null, result: 'ok', code: null },
  ];

  it('writes JSON oldest first with ISO times', () => {
    const rows = JSON.parse(formatAuditExport(entries, true)) as { at: string; actorName: string }[];
    expect(rows.map((r) => [r.at, r.actorName])).toEqual([
      ['2026-11-22T05:59:00.000Z', 'Nadia Rahman'],
      ['2026-11-22T06:00:00.000Z', 'Liam Chen'],
    ]);
  });

  it('writes tab-separated lines with a header, oldest first', () => {
    const lines = formatAuditExport(entries, false).trimEnd().split('\n');
    expect(lines[0]).toBe('at\tresult\tcode\twho\tobject id\tkind\twhat\tenvironment\tsummary');
    expect(lines[2]).toBe('2026-11-22T06:00:00.000Z\trefused\tauth.forbidden\tLiam Chen\tl-1\trefusal\tsync\tUAT\tsync Sales to UAT');
  });
});
