/**
 * Lists that grow with the tenant (every environment) are capped on the card, with one line saying
 * how many more there are and where to see them, so that even very large tenants stay under 80 KB.
 */
import type { Diagnosis, Verdict } from '../../src/domain/access/diagnosis';
import { MATRIX_MAX_ROWS, matrixCard } from '../../src/features/diagnose/matrix.card';
import { ENVIRONMENTS_MAX_ROWS, environmentsCard } from '../../src/features/environments/environments.card';
import type { EnvironmentRow } from '../../src/features/environments/list-environments';
import type { DirectoryUser, Environment } from '../../src/gateways/types';
import { cardOf, createTestBot, messagesOf } from '../helpers/bot-harness';
import { asShown, cardPayloadBytes, cardText, expectValidCard, MAX_CARD_BYTES } from '../helpers/card-check';

const longEnv = (i: number) => `Contoso Finance Operations Regional Sandbox ${String(i).padStart(3, '0')}`;

const user: DirectoryUser = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001', displayName: 'Alexandria Konstantinopoulou-Vanderberg', userPrincipalName: 'alexandria.k@contoso.com', mail: null,
  givenName: 'Alexandria', surname: 'Konstantinopoulou-Vanderberg', userType: 'Member', accountEnabled: true, assignedLicenses: [],
};

function matrixRows(count: number, verdictOf: (i: number) => Verdict) {
  return Array.from({ length: count }, (_, i) => {
    const environment: Environment = {
      id: `e0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: longEnv(i), sku: 'Sandbox', isDefault: false, runtimeState: 'Enabled',
      dataverse: { instanceUrl: `https://org${i}.crm.dynamics.com/`, domainName: `org${i}`, securityGroupId: null }, appPassCapacity: 0,
    };
    const verdict = verdictOf(i);
    const diagnosis: Diagnosis = {
      subject: { kind: 'person', id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName },
      user: { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName },
      environment: { id: environment.id, displayName: environment.displayName },
      verdict,
      headline: verdict,
      checks: verdict === 'blocked'
        ? [{
            id: 'security-group', status: 'fail', title: 'Security group',
            detail: `${user.displayName} is not a member of ${longEnv(i)} Access Security Group (Finance, Contractors and Temporary Staff), the security group of ${longEnv(i)}.`,
            fix: { text: 'Add them', action: 'add-to-security-group' },
          }]
        : [],
      keyFacts: { licences: [], securityGroup: null, roles: [], accessMode: null },
    };
    return { environment, diagnosis };
  });
}

/** The environment names in the order the card lists them. */
const listed = (text: string) => [...text.matchAll(/\*\*(Contoso Finance [^*]+)\*\*/g)].map((m) => m[1]);

describe('"check <user> everywhere" in a large tenant', () => {
  it('with 100 environments and long reasons, then the card lists the 25 blocked ones and sums up the 75 where they can get in, names behind a button', () => {
    const card = matrixCard({ kind: 'person', user }, matrixRows(100, (i) => (i % 4 === 3 ? 'blocked' : 'can-access')));
    expectValidCard(card);
    expect(cardPayloadBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    const text = asShown(cardText(card));
    const shown = listed(text);
    expect(shown).toHaveLength(MATRIX_MAX_ROWS);
    expect(shown.slice(0, 25)).toEqual(Array.from({ length: 25 }, (_, k) => longEnv(4 * k + 3)));
    expect(text).toContain('alexandria.k@contoso.com: can get into 75 of 100 environments.');
    expect(text).toContain('✅ 75 environments where Alexandria Konstantinopoulou-Vanderberg can get in.\nShow the 75\nContoso Finance Operations Regional Sandbox 000, ');
    expect(text).toContain('`npm run cli -- diagnose alexandria.k@contoso.com --everywhere --json`');
    expect(text).toContain('**check Alexandria Konstantinopoulou-Vanderberg in** *environment*');
  });

  it('with more blocked environments than rows, then the hidden blocked ones get their own line, before the rest', () => {
    const text = asShown(cardText(matrixCard({ kind: 'person', user }, matrixRows(40, (i) => (i < 35 ? 'blocked' : 'can-access')))));
    expect(listed(text)).toHaveLength(25);
    expect(text).toMatch(/❌ 10 more environments where Alexandria Konstantinopoulou-Vanderberg is blocked\.\nShow the 10\n.*\n✅ 5 environments where/);
  });

  it('with thousands of environments with long names, then the names behind the buttons stop at a budget and say how many more', () => {
    const card = matrixCard({ kind: 'person', user }, matrixRows(3000, (i) => (i % 2 === 0 ? 'blocked' : 'can-access')));
    expectValidCard(card);
    expect(cardPayloadBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    expect(cardText(card)).toMatch(/❌ 1475 more environments where .* is blocked\.\nShow the 1475\n.*, …and \d+ more \(not listed here\)\./);
    expect(cardText(card)).toMatch(/✅ 1500 environments where .* can get in\.\nFor every environment with its reason run/);
  });

  it('with 25 environments or fewer, then every one is listed and there is no "more" line', () => {
    const text = cardText(matrixCard({ kind: 'person', user }, matrixRows(25, (i) => (i === 24 ? 'blocked' : 'at-risk'))));
    expect(listed(text)).toHaveLength(25);
    expect(listed(text)[0]).toBe(longEnv(24));
    expect(text).not.toContain('more environment');
  });
});

describe('the environments card in a large tenant', () => {
  const environmentRows = (count: number): EnvironmentRow[] =>
    Array.from({ length: count }, (_, i) => ({
      id: `e${i}`, name: longEnv(i), type: 'Sandbox', isDefault: false, dataverse: i % 5 !== 0, instanceUrl: null,
      securityGroupId: i % 5 === 0 ? null : `g${i}`, securityGroup: i % 5 === 0 ? 'None' : `SG-PowerPlatform-Finance-Operations-${i}`, state: i % 7 === 0 ? 'AdminMode' : 'Enabled',
    }));
  const names = (text: string) => text.split('\n').filter((line) => line.startsWith('**Contoso Finance Operations Regional Sandbox')).map((line) => line.slice(2, -2));

  it('with 150 environments, then the card lists the first 50 and says how to see the other 100', () => {
    const card = environmentsCard(environmentRows(150), 'Contoso · 150 environments');
    expectValidCard(card);
    expect(cardPayloadBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    const text = cardText(card);
    expect(names(text)).toEqual(Array.from({ length: ENVIRONMENTS_MAX_ROWS }, (_, i) => longEnv(i)));
    expect(text).toContain('Contoso · 150 environments');
    expect(text).toContain('…and 100 more environments, not shown here. For all of them run `npm run cli -- environments --json`.');
  });

  it('with 50 environments, then every one is listed and there is no "more" line', () => {
    const text = cardText(environmentsCard(environmentRows(50), ''));
    expect(names(text)).toHaveLength(50);
    expect(text).toContain('50 environments');
    expect(text).not.toContain('more environment');
  });

  it('when an environment has no Dataverse, then it says so in words, never a lone "-" (a markdown bullet in Teams)', async () => {
    const bot = await createTestBot();
    try {
      const card = cardOf(messagesOf(await bot.send('environments'))[0]);
      expect(card).toBeDefined();
      const lines = cardText(card ?? {}).split('\n');
      const marketing = lines.indexOf('**Marketing Sites**');
      expect(marketing).toBeGreaterThan(-1);
      expect(lines.slice(marketing, marketing + 3)).toEqual(['**Marketing Sites**', 'Production · no Dataverse', '✅ Enabled']);
      expect(lines).not.toContain('-');
    } finally {
      await bot.close();
    }
  });
});
