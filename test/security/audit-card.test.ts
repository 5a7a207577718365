import { formatWhen } from '../../src/app/text';
import { auditCard } from '../../src/features/audit/audit.card';
import { AUDIT_CARD_ENTRIES, parseAudit } from '../../src/features/audit/audit.command';
import type { AuditEntry } from '../../src/security/audit-log';
import { asShown, cardPayloadBytes, cardText, expectValidCard, MAX_CARD_BYTES } from '../helpers/card-check';

const AT = Date.UTC(2026, 10, 22, 6, 3, 30);

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 1,
  at: AT,
  actorId: 'aa-1',
  actorName: 'Nadia Rahman',
  kind: 'command',
  what: 'sync',
  summary: 'sync Financial Coordinators to UAT',
  environment: 'UAT',
  result: 'ok',
  code: null,
  ...overrides,
});

describe('audit command parser', () => {
  it.each([
    ['audit', {}],
    ['AUDIT', {}],
    ['audit all', { all: true }],
    ['audit everything', { all: true }],
    ['audit user Liam', { user: 'Liam' }],
    ['audit all user Liam', { all: true, user: 'Liam' }],
    ['audit by "Liam Chen"', { user: 'Liam Chen' }],
    ['audit env UAT', { environment: 'UAT' }],
    ['audit environment Contoso Production', { environment: 'Contoso Production' }],
    ["audit user ' or 1 eq 1", { user: "' or 1 eq 1" }],
    ['audit user ""', null],
    ['audit anything', null],
    ['auditor', null],
    ['show audit', null],
  ])('%s → %j', (text, expected) => {
    expect(parseAudit(text)).toEqual(expected);
  });
});

describe('audit card', () => {
  it('reads as sentences with names: who did what, then when in UTC and where', () => {
    const card = auditCard(
      [
        entry({ kind: 'fix', what: 'diagnose.confirm-add', summary: 'added Jane Doe to UAT Access' }),
        entry({ id: 2, actorName: 'Liam Chen', kind: 'refusal', result: 'refused', code: 'auth.forbidden', environment: null }),
        entry({ id: 3, kind: 'job', what: 'sync job K7Q2XD9M', summary: 'synced Financial Coordinators (group) to UAT: 3 of 5 added, 2 failed (job K7Q2XD9M)', result: 'failed', code: 'job.members_failed' }),
        entry({ id: 4, summary: 'sync everyone to UAT', result: 'refused', code: 'input.not_found' }),
        entry({ id: 5, kind: 'action', what: 'sync.confirm', summary: '' }),
      ],
      'Changes and refusals, newest first (latest 5)',
    );
    expectValidCard(card);
    const lines = asShown(cardText(card)).split('\n');
    expect(lines).toEqual([
      'Audit trail',
      'Changes and refusals, newest first (latest 5)',
      '✅ **Nadia Rahman** added Jane Doe to UAT Access',
      '2026-11-22 06:03 UTC · UAT',
      '⛔ **Liam Chen** asked “sync Financial Coordinators to UAT”: refused, their role does not allow it',
      '2026-11-22 06:03 UTC',
      '⚠️ **Nadia Rahman** synced Financial Coordinators (group) to UAT: 3 of 5 added, 2 failed (job K7Q2XD9M)',
      '2026-11-22 06:03 UTC · UAT',
      '⛔ **Nadia Rahman** asked “sync everyone to UAT”: refused, nothing matched',
      '2026-11-22 06:03 UTC · UAT',
      '✅ **Nadia Rahman** started a previewed sync',
      '2026-11-22 06:03 UTC · UAT',
    ]);
  });

  it('never shows card data, ids or raw codes, even from rows written before the sentences', () => {
    const old = entry({ kind: 'fix', what: 'diagnose.confirm-add', summary: '{"verb":"diagnose.confirm-add","confirmationId":"0f0f0f0f-1111-4222-8333-444444444444"}', result: 'failed', code: 'graph.failed' });
    const text = cardText(auditCard([old, entry({ kind: 'action', what: 'diagnose.confirm-add', summary: '{"confirmationId":"x"}' })], 'x'));
    expect(text).not.toMatch(/confirmationId|0f0f0f0f|graph\.failed|diagnose\.confirm-add|\{"/);
    expect(text).toMatch(/confirmed adding a person to a security group/);
  });

  it('says so when nothing matches', () => {
    const card = auditCard([], 'Changes and refusals by people matching "zed", newest first (latest 0)');
    expectValidCard(card);
    expect(cardText(card)).toContain('No audit entries match.');
  });

  it('stays under 80 KB with the most entries and the longest text the log stores', () => {
    const long = 'ü'.repeat(199) + '…';
    const entries = Array.from({ length: AUDIT_CARD_ENTRIES }, (_, i) =>
      entry({ id: i, actorName: 'N'.repeat(100), what: 'w'.repeat(100), summary: long, environment: 'E'.repeat(100), code: 'upstream.unavailable' }),
    );
    const card = auditCard(entries, 'Latest 30 entries');
    expectValidCard(card);
    expect(cardPayloadBytes(card)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('keeps template-looking text from people as plain text', () => {
    const card = auditCard([entry({ summary: 'sync ${secret} to UAT' })], 'x');
    expectValidCard(card);
    expect(cardText(card)).toMatch(/sync \$\u200b?\\\{secret\\\} to UAT/);
  });

  it('shows link syntax typed by people, or a link given as an environment, as text: nothing renders as a link', () => {
    const card = auditCard([entry({ actorName: '[Nadia](https://evil.example)', summary: 'sync [click here](https://evil.example/login) to UAT', environment: '[UAT](https://evil.example)' })], 'x');
    const text = cardText(card);
    expect(text).not.toMatch(/[^\\]\]\(|[^\\]\[/);
    expect(text).toContain('sync \\[click here\\]\\(https\\://evil\\.example/login\\) to UAT');
  });

  it('formats times in UTC to the minute', () => {
    expect(formatWhen(AT)).toBe('2026-11-22 06:03 UTC');
  });
});
