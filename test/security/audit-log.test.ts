import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { createAuditLog, SUMMARY_MAX, type AuditRecord } from '../../src/security/audit-log';
import { createScrubber } from '../../src/security/redact';

const MIGRATION = readFileSync(resolve(__dirname, '../../src/store/migrations/004-audit.sql'), 'utf8');
const SECRET = 'client-secret-value-123';

function setup() {
  const db = new Database(':memory:');
  db.exec(MIGRATION);
  let clock = Date.UTC(2026, 10, 22, 6, 0, 0);
  const audit = createAuditLog(db, { now: () => clock, scrub: createScrubber([SECRET]) });
  return { db, audit, advance: (ms: number) => (clock += ms) };
}

const entry = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  actor: { aadObjectId: 'aa-1', name: 'Ada Admin' },
  kind: 'command',
  what: 'sync',
  summary: 'sync Financial Coordinators to UAT',
  environment: 'UAT',
  result: 'ok',
  ...overrides,
});

describe('audit log', () => {
  it('records who, when, what, where and the result, newest first', () => {
    const { audit, advance } = setup();
    audit.record(entry());
    advance(1_000);
    audit.record(entry({ actor: { aadObjectId: 'hh-2', name: 'Hal Helpdesk' }, kind: 'refusal', result: 'refused', code: 'auth.forbidden' }));
    const [latest, first] = audit.list();
    expect(latest).toMatchObject({ actorName: 'Hal Helpdesk', kind: 'refusal', result: 'refused', code: 'auth.forbidden', what: 'sync' });
    expect(first).toMatchObject({ actorId: 'aa-1', actorName: 'Ada Admin', environment: 'UAT', result: 'ok', code: null });
    expect(latest!.at - first!.at).toBe(1_000);
  });

  it('filters by user name (any case, substring) or object id, by environment, and by time', () => {
    const { audit, advance } = setup();
    audit.record(entry());
    advance(60_000);
    const since = Date.UTC(2026, 10, 22, 6, 1, 0);
    audit.record(entry({ actor: { aadObjectId: 'hh-2', name: 'Hal Helpdesk' }, environment: 'Production' }));
    expect(audit.list({ user: 'hal' }).map((e) => e.actorName)).toEqual(['Hal Helpdesk']);
    expect(audit.list({ user: 'AA-1' }).map((e) => e.actorName)).toEqual(['Ada Admin']);
    expect(audit.list({ environment: 'prod' })).toHaveLength(1);
    expect(audit.list({ since })).toHaveLength(1);
    expect(audit.list({ limit: 1 })).toHaveLength(1);
  });

  it('treats filter text literally: LIKE wildcards and quotes match nothing extra', () => {
    const { audit } = setup();
    audit.record(entry());
    expect(audit.list({ user: '%' })).toHaveLength(0);
    expect(audit.list({ user: "' OR 1=1 --" })).toHaveLength(0);
    expect(audit.list({ environment: '_' })).toHaveLength(0);
  });

  it('stores a clean, scrubbed, truncated summary, never the raw 100 KB message', () => {
    const { audit } = setup();
    const huge = `sync ${'x'.repeat(100_000)}`;
    audit.record(entry({ summary: huge }));
    audit.record(entry({ summary: `why can't J\u200bane\u202e access\u0007 UAT with Bearer abc.def.ghi and ${SECRET}` }));
    const [clean, long] = audit.list();
    expect([...long!.summary].length).toBeLessThanOrEqual(SUMMARY_MAX + 20);
    expect(long!.summary).toMatch(/\(100005 chars\)$/);
    expect(clean!.summary).toBe("why can't Jane access UAT with [redacted] and [redacted]");
  });

  it('is append-only: the database refuses UPDATE and DELETE', () => {
    const { db, audit } = setup();
    audit.record(entry());
    expect(() => db.prepare("UPDATE audit_log SET result = 'ok'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(audit.list()).toHaveLength(1);
  });

  it('rejects a row with an unknown kind or result', () => {
    const { audit } = setup();
    expect(() => audit.record(entry({ result: 'maybe' as never }))).toThrow();
    expect(audit.list()).toHaveLength(0);
  });
});
