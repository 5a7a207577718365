import { formatWhen } from '../../src/app/text';
import { auditCard } from '../../src/features/audit/audit.card';
import { AUDIT_CARD_ENTRIES, parseAudit } from '../../src/features/audit/audit.command';
import type { AuditEntry } from '../../src/security/audit-log';
import { cardPayloadBytes, cardText, expectValidCard, MAX_CARD_BYTES } from '../helpers/card-check';

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
    ['audit user Liam', { user: 'Liam' }],
    ['audit by "Liam Chen"', { user: 'Liam Chen' }],
    ['audit env UAT', { environment: 'UAT' }],
    ['audit environment Contoso Production', { environment: 'Contoso Production' }],
    ["audit user ' or 1 eq 1", { user: "' or 1 eq 1" }],
    ['audit user ""', null],
    ['audit everything', null],
    ['auditor', null],
    ['show audit', null],
  ])('%s → %j', (text, expected) => {
    expect(parseAudit(text)).toEqual(expected);
  });
});

describe('audit card', () => {
  it('shows who, what, the summary, when in UTC, where and the result with its code', () => {
    const card = auditCard(
      [entry(), entry({ id: 2, actorName: 'Liam Chen', kind: 'refusal', result: 'refused', code: 'auth.forbidden', environment: null })],
      'Latest 2 entries, newest first',
    );
    expectValidCard(card);
    const text = cardText(card);
    expect(text).toContain('Nadia Rahman');
    expect(text).toContain('sync Financial Coordinators to UAT');
    expect(text).toContain('2026-11-22 06:03 UTC · UAT');
    expect(text).toContain('sync (refused)');
    expect(text).toContain('refused · auth.forbidden');
    expect(text).toContain('no environment');
  });

  it('says so when nothing matches', () => {
    const card = auditCard([], 'Latest 0 entries by users matching "zed"');
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
    expect(cardText(card)).toMatch(/sync \$\u200b?\{secret\} to UAT/);
  });

  it('shows link syntax typed by people as text, not as a clickable link', () => {
    const card = auditCard([entry({ actorName: '[Nadia](https://evil.example)', summary: 'sync [click here](https://evil.example/login) to UAT' })], 'x');
    const text = cardText(card);
    expect(text).not.toContain('](');
    expect(text).toContain('sync [click here]\u200b(https://evil.example/login) to UAT');
  });

  it('formats times in UTC to the minute', () => {
    expect(formatWhen(AT)).toBe('2026-11-22 06:03 UTC');
  });
});
