/**
 * The everywhere card counts only what it verified, keeps the overview one click away from a detail,
 * and the environment picker offers "Everywhere" (issue 15, item 6).
 */
import { chooseEnvironmentView } from '../../src/features/diagnose/choice.card';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { asShown, expectValidCard } from '../helpers/card-check';
import { buttonData, type Card } from '../sync/helpers/run-group-sync';

type Row = { title: string; data: Record<string, unknown> };

/** The Details buttons of the matrix card, by environment (the button sits in the row's second column). */
function detailsOf(card: Card | undefined, environment: string): Record<string, unknown> {
  const rows = (card?.body as { type: string; columns?: { items: { text?: string; actions?: Row[] }[] }[] }[]).filter((b) => b.type === 'ColumnSet');
  const row = rows.find((r) => r.columns?.[0]?.items[0]?.text?.includes(`**${environment}**`));
  const action = row?.columns?.[1]?.items[0]?.actions?.[0];
  if (!action) throw new Error(`no Details for ${environment} on:\n${cardStrings(card)}`);
  return action.data;
}

describe('"check Jane everywhere"', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(() => bot.close());

  it('counts an environment it could not read as "couldn\'t check", never as access', async () => {
    const card = cardOf(messagesOf(await bot.send('check Jane everywhere'))[0]);
    expectValidCard(card as Card);
    const text = asShown(cardStrings(card));
    expect(text).toMatch(/jane\.doe@contoso\.com: can get into 2 of 11 environments; 1 I couldn't check\./);
    expect(text).toMatch(/❔ \*\*Finance Reporting\*\*\nCouldn't check: I couldn't read the users of Finance Reporting/);
    expect(text).not.toMatch(/At risk: I couldn't read/);
  });

  it('opens one environment from Details with a Back button that brings the overview back', async () => {
    const card = cardOf(messagesOf(await bot.send('check Jane everywhere'))[0]);
    const detail = await bot.invoke('diagnose.detail', detailsOf(card, 'UAT'));
    expectValidCard(detail.card as Card);
    expect(cardStrings(detail.card)).toMatch(/Jane Doe \(jane\.doe@contoso\.com\) in UAT/);
    const titles = ((detail.card?.actions ?? []) as { title: string }[]).map((a) => a.title);
    expect(titles[0]).toBe('Back to every environment');
    const back = await bot.invoke('diagnose.check', buttonData(detail.card, 'Back to every environment'));
    expect(cardStrings(back.card)).toMatch(/Where can Jane Doe get in\?/);
  });

  it('offers "Everywhere" when it asks which environment, and choosing it checks them all', async () => {
    const subject = { kind: 'person' as const, user: { id: 'u1', displayName: 'Jane Doe', userPrincipalName: 'jane.doe@contoso.com' } };
    const environments = bot.sim.state().fixture.environments.slice(0, 2).map((e) => ({ id: e.id, displayName: e.displayName, sku: 'Sandbox', dataverse: null }));
    const view = chooseEnvironmentView(subject as never, 'Which environment?', environments as never, false);
    expect(view.choices.map((c) => c.title).pop()).toBe('Everywhere (every environment)');
    const everywhere = view.choices[view.choices.length - 1]?.value;
    const answer = await bot.invoke('diagnose.check', { user: 'jane.doe@contoso.com', environment: everywhere });
    expect(cardStrings(answer.card)).toMatch(/Where can Jane Doe get in\?/);
  });
});
