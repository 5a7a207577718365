import type { Activity } from 'botbuilder';
import { RUN_COMMAND_VERB } from '../../src/app/router';
import { securityFor } from '../../src/security/guard';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';

/** Issue 14's fixes: admins share a canvas app or give one of a model-driven app's roles, confirmed and audited; others are refused. */
const ADMIN: TestUser = { name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' };
const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
const MORGAN = '2fe5bc48-0d94-43a6-8b37-37b954bc9b11';
const BUDGET_PLANNER = 'c4b7e2a9-8f1d-4a56-9c3e-1b0d6f8a2e47';
const PRODUCTION = '667c2848-72a8-4a03-a959-694b017ae7fd';

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot({ from: HELPDESK });
});
afterEach(async () => bot.close());

type Button = { title: string; verb?: string; data: Record<string, unknown> };
const buttonsOf = (card: Record<string, unknown> | undefined): Button[] => (card?.actions ?? []) as Button[];
const cardIn = (activities: Partial<Activity>[]) => cardOf(messagesOf(activities)[0]);
function button(card: Record<string, unknown> | undefined, title: RegExp): Button {
  const found = buttonsOf(card).find((b) => title.test(b.title));
  if (!found) throw new Error(`no button ${title} among ${buttonsOf(card).map((b) => b.title).join(', ')}`);
  return found;
}
const budgetPlanner = () => bot.sim.state().environmentsById.get(PRODUCTION)!.canvasApps!.find((a) => a.id === BUDGET_PLANNER)!;
const prod = () => bot.sim.state().environmentsById.get(PRODUCTION)!.dataverse!;
const weiRow = () => prod().systemUsers.find((u) => u.domainName === 'wei.zhang@contoso.com')!;
const expenseUser = () => prod().roles.find((r) => r.name === 'Expense User')!.id;

describe('fixing app access', () => {
  it('refuses the Share fix to helpdesk: nothing is shared', async () => {
    const share = button(cardIn(await bot.send("why can't Morgan Lee open Budget Planner")), /^Share Budget Planner with Morgan Lee$/);
    expect(share.data).toEqual({ verb: 'apps.share', userId: MORGAN, environmentId: PRODUCTION, appId: BUDGET_PLANNER });
    const refused = await bot.invoke('apps.share', share.data);
    expect(refused.text).toMatch(/Only members of Dataverse Access Bot Admins/);
    expect(budgetPlanner().sharedWith.map((s) => s.principalId)).not.toContain(MORGAN);
  });

  it('an admin shares a canvas app after confirming: Morgan can open it, once, and the audit trail names the app and the person', async () => {
    const share = button(cardIn(await bot.send("why can't Morgan Lee open Budget Planner", { from: ADMIN })), /^Share Budget Planner/);
    const ask = await bot.invoke('apps.share', share.data, { from: ADMIN });
    expect(cardStrings(ask.card)).toContain('Share Budget Planner with Morgan Lee?');
    expect(budgetPlanner().sharedWith.map((s) => s.principalId)).not.toContain(MORGAN);
    const confirm = button(ask.card, /^Share$/);
    const done = await bot.invoke(String(confirm.data.verb), confirm.data, { from: ADMIN });
    const text = cardStrings(done.card);
    expect(text).toContain('Shared Budget Planner with Morgan Lee (can view)');
    expect(text).toContain('Can open');
    expect(text).toContain('Morgan can view Budget Planner: shared with Morgan directly');
    expect(budgetPlanner().sharedWith.filter((s) => s.principalId === MORGAN)).toEqual([{ principalId: MORGAN, type: 'User', roleName: 'CanView' }]);
    const [fix] = (await securityFor(bot.deps).audit.list({ limit: 5 })).filter((r) => r.kind === 'fix');
    expect(fix).toMatchObject({ actorName: 'Nadia Rahman', what: 'apps.share', environment: 'Contoso Production', result: 'ok', summary: 'Shared the canvas app Budget Planner with Morgan Lee (morgan.lee@contoso.com) as can view' });
    expect((await bot.invoke(String(confirm.data.verb), confirm.data, { from: ADMIN })).text).toContain('already confirmed');
  });

  it('an admin gives one of a model-driven app\'s roles through the roles feature, confirmed; the re-check says Wei can open it', async () => {
    const card = cardIn(await bot.send("why can't Wei Zhang open Expense Tracker in Contoso Production", { from: ADMIN }));
    const give = button(card, /^Give Wei Zhang the Expense User role$/);
    expect(give.data.verb).toBe(RUN_COMMAND_VERB);
    const ask = await bot.invoke(RUN_COMMAND_VERB, give.data, { from: ADMIN });
    const question = ask.card ?? cardOf(messagesOf(ask.replies)[0]);
    expect(cardStrings(question)).toContain('Give Wei Zhang the Expense User role in Contoso Production?');
    const confirm = button(question, /Give the role/);
    const done = await bot.invoke(String(confirm.data.verb), confirm.data, { from: ADMIN });
    expect(done.text).toContain('Done: Wei Zhang has the Expense User role in Contoso Production');
    expect(weiRow().roleIds).toContain(expenseUser());
    const recheck = button(card, /^Re-check$/);
    expect(cardStrings((await bot.invoke('apps.check', recheck.data)).card)).toContain('Wei holds Expense User (direct), a role of Expense Tracker.');
  });

  it('refuses the role fix to helpdesk: the role is not given', async () => {
    const give = button(cardIn(await bot.send("why can't Wei Zhang open Expense Tracker in Contoso Production")), /^Give Wei Zhang the Expense User role$/);
    const refused = await bot.invoke(RUN_COMMAND_VERB, give.data);
    const said = `${refused.text ?? ''} ${messagesOf(refused.replies).map((a) => a.text ?? '').join(' ')} ${cardStrings(refused.card)}`;
    expect(said).toMatch(/Only members of Dataverse Access Bot Admins/);
    expect(weiRow().roleIds).not.toContain(expenseUser());
  });
});
