import { memoryStore } from '../helpers/stores';
import { createAuditLog, SUMMARY_MAX, type AuditRecord } from '../../src/security/audit-log';
import { createScrubber } from '../../src/security/redact';

const SECRET = 'client-secret-value-123';

async function setup() {
  const { db } = await memoryStore();
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
  it('records who, when, what, where and the result, newest first', async () => {
    const { audit, advance } = await setup();
    await audit.record(entry());
    advance(1_000);
    await audit.record(entry({ actor: { aadObjectId: 'hh-2', name: 'Hal Helpdesk' }, kind: 'refusal', result: 'refused', code: 'auth.forbidden' }));
    const [latest, first] = await audit.list();
    expect(latest).toMatchObject({ actorName: 'Hal Helpdesk', kind: 'refusal', result: 'refused', code: 'auth.forbidden', what: 'sync' });
    expect(first).toMatchObject({ actorId: 'aa-1', actorName: 'Ada Admin', environment: 'UAT', result: 'ok', code: null });
    expect(latest!.at - first!.at).toBe(1_000);
  });

  it('filters by user name (any case, substring) or object id, by environment, and by time', async () => {
    const { audit, advance } = await setup();
    await audit.record(entry());
    advance(60_000);
    const since = Date.UTC(2026, 10, 22, 6, 1, 0);
    await audit.record(entry({ actor: { aadObjectId: 'hh-2', name: 'Hal Helpdesk' }, environment: 'Production' }));
    expect((await audit.list({ user: 'hal' })).map((e) => e.actorName)).toEqual(['Hal Helpdesk']);
    expect((await audit.list({ user: 'AA-1' })).map((e) => e.actorName)).toEqual(['Ada Admin']);
    expect(await audit.list({ environment: 'prod' })).toHaveLength(1);
    expect(await audit.list({ since })).toHaveLength(1);
    expect(await audit.list({ limit: 1 })).toHaveLength(1);
  });

  it('treats filter text literally: LIKE wildcards and quotes match nothing extra', async () => {
    const { audit } = await setup();
    await audit.record(entry());
    expect(await audit.list({ user: '%' })).toHaveLength(0);
    expect(await audit.list({ user: "' OR 1=1 --" })).toHaveLength(0);
    expect(await audit.list({ environment: '_' })).toHaveLength(0);
  });

  it('stores a clean, scrubbed, truncated summary, never the raw 100 KB message', async () => {
    const { audit } = await setup();
    const huge = `sync ${'x'.repeat(100_000)}`;
    await audit.record(entry({ summary: huge }));
    await audit.record(entry({ summary: `why can't J\u200bane\u202e access\u0007 UAT with Bearer abc.def.ghi and ${SECRET}` }));
    const [clean, long] = await audit.list();
    expect([...long!.summary].length).toBeLessThanOrEqual(SUMMARY_MAX + 20);
    expect(long!.summary).toMatch(/\(100005 chars\)$/);
    expect(clean!.summary).toBe("why can't Jane access UAT with [redacted] and [redacted]");
  });

  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    const { db, audit } = await setup();
    await audit.record(entry());
    // (matched on the message: the driver's errors come from another realm than jest's Error)
    await expect(db.updateTable('audit_log').set({ result: 'ok' }).execute()).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    await expect(db.deleteFrom('audit_log').execute()).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    expect(await audit.list()).toHaveLength(1);
  });

  it('rejects a row with an unknown kind or result', async () => {
    const { audit } = await setup();
    await expect(audit.record(entry({ result: 'maybe' as never }))).rejects.toMatchObject({ message: expect.stringMatching(/check constraint/i) });
    expect(await audit.list()).toHaveLength(0);
  });
});
