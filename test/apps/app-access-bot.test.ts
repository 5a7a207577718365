import type { Activity } from 'botbuilder';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';
import { expectValidCard } from '../helpers/card-check';

/** Issue 14: "why can't Jane open Expense Tracker?" in chat, against the simulated Contoso tenant. */
const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
const PRODUCTION = '667c2848-72a8-4a03-a959-694b017ae7fd';

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ from: HELPDESK });
});
afterAll(async () => bot.close());

const first = (activities: Partial<Activity>[]) => messagesOf(activities)[0];
const cardIn = (activities: Partial<Activity>[]) => cardStrings(cardOf(first(activities)));
const textIn = (activities: Partial<Activity>[]) => messagesOf(activities).map((a) => a.text ?? '').join('\n');
const buttons = (card: Record<string, unknown> | undefined) => ((card?.actions ?? []) as { title: string; data: Record<string, unknown> }[]);

describe('app access in chat', () => {
  it('asks which environment when the app is in several, offering Everywhere', async () => {
    const reply = await bot.send("why can't Jane open Expense Tracker");
    const card = cardOf(first(reply));
    expect(cardStrings(card)).toContain('Expense Tracker is in 2 environments. Which one should I check Jane in?');
    expect(buttons(card).map((b) => b.title)).toEqual(['UAT', 'Contoso Production', 'Everywhere']);
  });

  it('model-driven, role missing: Wei passes Contoso Production but holds none of the app\'s roles; the roles that would give access are named', async () => {
    const reply = await bot.send("why can't Wei Zhang open Expense Tracker in Contoso Production");
    const card = cardOf(first(reply));
    expectValidCard(card!);
    const text = cardStrings(card);
    expect(text).toContain('Blocked');
    expect(text).toContain("Wei holds none of Expense Tracker's roles Expense User and Finance Coordinator");
    expect(buttons(card).map((b) => b.title)).toContain('Give Wei Zhang the Expense User role');
  });

  it('model-driven, can open: Jane holds Finance Coordinator in Contoso Production', async () => {
    const text = cardIn(await bot.send(`why can't Jane open Expense Tracker in ${PRODUCTION}`));
    expect(text).toContain('Can open');
    expect(text).toContain('Jane holds Finance Coordinator (direct), a role of Expense Tracker.');
  });

  it('everywhere: the app in each environment, problems first', async () => {
    const text = cardIn(await bot.send("why can't Jane open Expense Tracker everywhere"));
    expect(text).toContain('Where can Jane Doe open Expense Tracker?');
    expect(text).toContain('can open it in 1 of 2 environments');
  });

  it('canvas, shared through a group: Siobhan is in Field Inspectors', async () => {
    const text = cardIn(await bot.send('can Siobhan use Field Inspection'));
    expect(text).toContain('Can open');
    expect(text).toContain('shared with Field Inspectors, a group Siobhan is in');
  });

  it('canvas, shared through a nested group: Tom is in Site Supervisors, inside Field Inspectors', async () => {
    expect(cardIn(await bot.send('can Tom Becker use Field Inspection'))).toContain('which Tom is in through a nested group');
  });

  it('canvas, shared directly with Jane (can edit)', async () => {
    const text = cardIn(await bot.send("why can't Jane open Budget Planner"));
    expect(text).toContain('Can open');
    expect(text).toContain('Jane can edit Budget Planner: shared with Jane directly');
  });

  it('canvas, not shared: suggests the group it is shared with and offers Share', async () => {
    const card = cardOf(first(await bot.send("why can't Morgan Lee open Budget Planner")));
    const text = cardStrings(card);
    expect(text).toContain("Budget Planner isn't shared with Morgan");
    expect(text).toContain('or add Morgan to Finance Department');
    expect(buttons(card).map((b) => b.title)).toContain('Share Budget Planner with Morgan Lee');
  });

  it('premium licence missing: Hannah has Microsoft 365 E3 only for a Dataverse canvas app', async () => {
    const text = cardIn(await bot.send("why can't Hannah Weber open Budget Planner"));
    expect(text).toContain('Budget Planner needs a premium licence because it uses Dataverse');
    expect(text).toContain('covers standard connectors only');
  });

  it('shared with everyone, standard connectors: a Microsoft 365 licence is enough', async () => {
    const text = cardIn(await bot.send('can Lucas Martin use Visitor Sign-in'));
    expect(text).toContain('Can open');
    expect(text).toContain('shared with everyone in the organisation');
    expect(text).toContain('Microsoft 365 Business Basic, which includes Power Apps for Microsoft 365 (POWERAPPS_O365_P1), is enough');
  });

  it('unknown app: suggestions', async () => {
    const card = cardOf(first(await bot.send("why can't Jane open Expens Trackr in UAT")));
    expect(cardStrings(card)).toContain('I can\'t find an app called "Expens Trackr". Did you mean');
    expect(buttons(card)[0]?.data.text).toBe("why can't Jane open Expense Tracker in UAT");
  });

  it('a name that is an environment\'s is the environment diagnosis', async () => {
    expect(cardIn(await bot.send("why can't Jane open UAT"))).toContain('Jane Doe (jane.doe@contoso.com) in UAT');
  });

  it('who can open: roles and holders of a model-driven app; people and groups of a canvas app', async () => {
    const roles = cardIn(await bot.send(`who can open Expense Tracker in ${PRODUCTION}`));
    expect(roles).toContain('Finance Coordinator');
    expect(roles).toContain('Jane Doe');
    const canvas = cardIn(await bot.send('who can open Budget Planner'));
    expect(canvas).toContain('Shared with 1 person and 1 group');
    expect(canvas).toContain('Finance Department');
  });

  it.each([
    ['Contoso Production', ['Budget Planner', 'Travel Requests', 'Expense Tracker']],
    ['UAT', ['Expense Tracker']],
  ])('which apps can Jane open in %s: every app of the environment with its verdict', async (environment, apps) => {
    const text = cardIn(await bot.send(`which apps can Jane open in ${environment}`));
    expect(text).toContain(`Which apps can Jane Doe open in ${environment}?`);
    for (const app of apps) expect(text).toContain(app);
  });

  it('"the app" with nothing configured asks which app, and the answer runs the check', async () => {
    expect(cardIn(await bot.send("why can't Lucas Martin access the app"))).toContain('Which app should I check Lucas Martin for?');
    const text = cardIn(await bot.send('Visitor Sign-in'));
    expect(text).toContain('Can open');
    expect(text).toContain('Lucas Martin (lucas.martin@contoso.com) · Visitor Sign-in (Contoso (default))');
  });

  it('"the Expense app in UAT": the word "app" makes access an app question, and the partial name finds Expense Tracker', async () => {
    const text = cardIn(await bot.send("why can't Jane access the Expense app in UAT"));
    expect(text).toContain('Jane Doe (jane.doe@contoso.com) · Expense Tracker (UAT), model-driven app');
    expect(text).toContain('The app: Expense Tracker');
    expect(text).toContain('The environment: UAT');
  });

  it('who can open an app in two environments asks which one', async () => {
    const card = cardOf(first(await bot.send('who can open Expense Tracker')));
    expect(cardStrings(card)).toContain('Expense Tracker is in 2 environments. Which one?');
    expect(buttons(card).map((b) => b.title)).toEqual(['UAT', 'Contoso Production']);
  });

  it('help lists the app phrasings for helpdesk', async () => {
    const text = cardIn(await bot.send('help'));
    expect(text).toContain("why can't <person> open <app> [in <environment> | everywhere]");
    expect(text).toContain('who can open <app> [in <environment>]');
    expect(text).toContain('which apps can <person> open [in <environment>]');
  });

  it('unknown person', async () => {
    expect(textIn(await bot.send("why can't Zzyzx Qwerty open Budget Planner"))).toContain("couldn't find anyone called");
  });
});

describe('"the app" with a configured default app', () => {
  it.each([
    ['Budget Planner', 'Jane Doe (jane.doe@contoso.com) · Budget Planner (Contoso Production)'],
    ['Expense Tracker in UAT', 'Jane Doe (jane.doe@contoso.com) · Expense Tracker (UAT)'],
  ])('DEFAULT_APP=%s: "why can\'t Jane access the app" checks that app', async (setting, subject) => {
    const other = await createTestBot({ from: HELPDESK, env: { DEFAULT_APP: setting, DEFAULT_ENVIRONMENT: 'UAT' } });
    try {
      expect(cardIn(await other.send("why can't Jane access the app"))).toContain(subject);
    } finally {
      await other.close();
    }
  });
});
