import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { expectValidCard } from '../helpers/card-check';
import { DEMO_APP_ID, doctorOn, healthyContoso, notPassing } from './helpers';

const HELPDESK = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
const WRITE = /^(PUT|PATCH|DELETE|POST) /;

/** The bot harness speaks as the first member of "Dataverse Access Bot Admins" (Nadia Rahman) unless told otherwise. */
describe('doctor in chat (Contoso demo tenant)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  it('when an admin types doctor, then one card lists every check, and Finance Reporting fails with the pac command that adds the application user', async () => {
    const replies = messagesOf(await bot.send('doctor'));
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0]);
    expectValidCard({ content: card ?? {} });
    const text = cardStrings(card);
    expect(text).toContain('❌ The bot is missing something it needs');
    expect(text).toMatch(/1 failed, 1 warning, 1\d passed/);
    for (const title of ['Configuration', 'Bot version', 'Store', 'Token for Microsoft Graph', 'Graph permission User.Read.All', 'Admins group (ADMINS_GROUP_ID)', 'Power Platform management application']) {
      expect(text).toContain(`✅ **${title}**`);
    }
    expect(text).toContain('❌ **Dataverse application users**');
    expect(text).toContain(`No enabled application user for app ${DEMO_APP_ID} in: Finance Reporting.`);
    expect(text).toContain(`pac admin assign-user --environment 6f58d8f5-a1e2-48b6-923a-9e58d1df8dcb --user ${DEMO_APP_ID} --role "Access Bot Reader" --application-user`);
  });

  it('when an admin types self-check, then it is the same command; a helpdesk user is refused', async () => {
    expect(cardStrings(cardOf(messagesOf(await bot.send('Self-check'))[0]))).toContain('**Dataverse application users**');
    const refused = messagesOf(await bot.send('doctor', { from: HELPDESK }));
    expect(refused.map((a) => a.text ?? '').join('\n')).toMatch(/Only members of Dataverse Access Bot Admins can do this/);
    expect(refused.some((a) => cardOf(a))).toBe(false);
  });

  it('when doctor runs, then it only reads: every request to Microsoft is a GET (and token requests)', async () => {
    await fetch(`${bot.sim.origin}/_sim/stats`, { method: 'DELETE' });
    await bot.send('doctor');
    const { routes, requests } = bot.sim.stats();
    const writes = Object.keys({ ...routes.graph, ...routes.bap, ...routes.dataverse }).filter((route) => WRITE.test(route));
    expect(writes).toEqual([]);
    expect(requests.dataverse).toBeGreaterThanOrEqual(10);
  });

  it('when help is asked for, then it lists doctor', async () => {
    expect(cardStrings(cardOf(messagesOf(await bot.send('help'))[0]))).toContain('doctor');
  });
});

describe('doctor on a tenant where everything is in place', () => {
  it('when the demo app has its application user everywhere, then every check passes but the (simulated) data source', async () => {
    const { code, report } = await doctorOn({ fixture: healthyContoso() });
    expect(code).toBe(0);
    expect(report.status).toBe('warn');
    expect(report.checks.find((c) => c.id === 'data-source')).toMatchObject({ status: 'warn', fix: expect.stringContaining('AZURE_CLIENT_SECRET') });
    expect(notPassing(report, 'data-source')).toEqual([]);
    expect(report.checks.find((c) => c.id === 'dataverse')?.detail).toBe(
      'The application user can read users, teams, security roles and business units in 10 of 10 environments with Dataverse (1 without Dataverse not checked).',
    );
  });
});
