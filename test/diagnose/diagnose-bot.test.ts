import { asShown } from '../helpers/card-check';
import { syncRuntimeFor } from '../../src/features/sync';
import type { Activity } from 'botbuilder';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';
import { contosoWith, SECOND_ADMIN, withAdmin } from '../sync/helpers/tenant';

const ADMIN: TestUser = { name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' };
const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
const JANE = '1bc176ac-113e-4105-a8d2-93516aa828e1';
const UAT = 'ceb11b53-d685-4c77-9a64-37b481898617';
const UAT_ACCESS = 'b334d23a-c075-4b09-a359-4e9089de4a59';

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({
    fixture: withAdmin(contosoWith(), SECOND_ADMIN.aadObjectId),
    from: HELPDESK,
    env: { SYNC_CONFIRM_VISIBILITY_SECONDS: '5' },
    simConfig: { provisioningDelayMs: 300 },
  });
});
afterAll(async () => bot.close());

const cardIn = (activities: Partial<Activity>[]) => cardStrings(cardOf(messagesOf(activities)[0]));
const members = (groupId: string) => bot.sim.state().groupsById.get(groupId)?.members ?? [];
const addUserCalls = () => Object.entries(bot.sim.stats().routes.bap).filter(([route]) => route.includes('addUser')).reduce((n, [, c]) => n + c, 0);

/** Every button of a card: the card's own and those under its checks (the fixes sit under the check they fix). */
function allActions(node: unknown): { title: string; data: Record<string, unknown> }[] {
  if (Array.isArray(node)) return node.flatMap(allActions);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = record.type === 'Action.Execute' ? [record as unknown as { title: string; data: Record<string, unknown> }] : [];
  return [...own, ...Object.entries(record).filter(([key]) => key !== 'fallback').flatMap(([, value]) => allActions(value))];
}

function actionData(card: Record<string, unknown> | undefined, title: RegExp): Record<string, unknown> {
  const actions = allActions(card);
  const action = actions.find((a) => title.test(a.title));
  if (!action) throw new Error(`no button ${title} in ${actions.map((a) => a.title).join(', ')}`);
  return action.data;
}

describe('diagnose in chat (Contoso, simulated)', () => {
  it('when helpdesk asks why Jane cannot access UAT, then the card says blocked, names the group and offers the fix buttons', async () => {
    const replies = await bot.send("why can't jane.doe@contoso.com access UAT?");
    const card = cardOf(messagesOf(replies)[0]);
    const text = cardStrings(card);
    expect(text).toContain('Blocked');
    expect(text).toContain('not a member of UAT Access');
    expect(text).toContain('jane.doe@contoso.com');
    expect(actionData(card, /^Add Jane Doe to UAT Access$/)).toEqual({ verb: 'diagnose.add-to-group', userId: JANE, environmentId: UAT });
    expect(actionData(card, /^Re-check$/)).toMatchObject({ verb: 'diagnose.check', user: JANE });
  });

  it('when a helpdesk member presses a fix button, then it is refused and nothing changes', async () => {
    const before = addUserCalls();
    const sync = await bot.invoke('diagnose.sync', { userId: JANE, environmentId: UAT });
    const add = await bot.invoke('diagnose.add-to-group', { userId: JANE, environmentId: UAT });
    expect(`${sync.text} ${add.text}`).toMatch(/Only members of Dataverse Access Bot Admins/);
    expect(addUserCalls()).toBe(before);
    expect(members(UAT_ACCESS)).not.toContain(JANE);
  });

  it('when an admin adds Jane to the group and confirms, then she is added once and the re-check passes the group', async () => {
    const ask = await bot.invoke('diagnose.add-to-group', { userId: JANE, environmentId: UAT }, { from: ADMIN });
    expect(cardStrings(ask.card)).toContain('Add Jane Doe to UAT Access?');
    expect(members(UAT_ACCESS)).not.toContain(JANE);
    const confirm = actionData(ask.card, /^Add to UAT Access$/);
    // Another admin may not confirm what Nadia asked for.
    const intruder = await bot.invoke('diagnose.confirm-add', confirm, { from: SECOND_ADMIN });
    expect(intruder.text).toBe('Only the person who asked for this can confirm it.');
    expect(members(UAT_ACCESS)).not.toContain(JANE);

    const done = await bot.invoke('diagnose.confirm-add', confirm, { from: ADMIN });
    const text = cardStrings(done.card);
    expect(text).toContain('Added Jane Doe to UAT Access.');
    expect(text).toContain('Jane is a direct member of UAT Access');
    expect(text).toContain('Will get in once synced');
    expect(members(UAT_ACCESS)).toContain(JANE);

    const again = await bot.invoke('diagnose.confirm-add', confirm, { from: ADMIN });
    expect(again.text).toContain('already confirmed');
  });

  it('when an admin presses Sync now, then a syncing card comes back at once and the card ends up saying she can access', async () => {
    const started = await bot.invoke('diagnose.sync', { userId: JANE, environmentId: UAT }, { from: ADMIN });
    expect(cardStrings(started.card)).toContain('Syncing Jane Doe to UAT');
    await syncRuntimeFor(bot.deps).idle();
    const finished = [...bot.adapter.drain(), ...bot.updates].filter((a) => cardOf(a));
    const text = cardStrings(cardOf(finished[finished.length - 1]));
    expect(text).toContain('Synced: Jane Doe is now in UAT.');
    expect(text).toContain('Can access');
    expect(text).toContain('Basic User (group team Finance Department Team)');
  });

  it('when Sync now is clicked on a posted card, then that very message is updated in place when the sync ends', async () => {
    const click = bot.activity(
      { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'posted-diagnosis-card', value: { action: { type: 'Action.Execute', verb: 'diagnose.sync', data: { verb: 'diagnose.sync', userId: JANE, environmentId: UAT } } } },
      { from: ADMIN },
    );
    await bot.process(click);
    await syncRuntimeFor(bot.deps).idle();
    const inPlace = bot.updates.filter((a) => a.id === 'posted-diagnosis-card');
    expect(inPlace.length).toBeGreaterThan(0);
    expect(cardStrings(cardOf(inPlace[inPlace.length - 1]))).toContain('Can access');
  });

  it('when the card data is tampered with, then it is refused before any request', async () => {
    const before = addUserCalls();
    const result = await bot.invoke('diagnose.sync', { userId: "x' or 1 eq 1", environmentId: UAT }, { from: ADMIN });
    expect(result.text).toContain('missing a valid person');
    expect(addUserCalls()).toBe(before);
  });

  it('when asked where Jane can get in, then one card lists every environment with its verdict', async () => {
    const replies = await bot.send('where can Jane get in?');
    const text = asShown(cardIn(replies));
    for (const env of ['Contoso (default)', 'UAT', 'Marketing Sites', 'Staging (maintenance)', 'Finance Reporting']) expect(text).toContain(env);
    expect(text).toMatch(/Marketing Sites[\s\S]*Blocked/);
    expect(text).toContain('can get into');
  });

  it('when the bot cannot read an environment (no application user there), then the card says so and points to doctor', async () => {
    const text = cardIn(await bot.send("why can't Jane access Finance Reporting"));
    expect(text).toContain("I couldn't read the users of Finance Reporting");
    expect(text).toMatch(/run "doctor" here[\s\S]*application user in Finance Reporting/);
  });

  it('when several people match, then a choice card offers them and picking one runs the check', async () => {
    const text = cardIn(await bot.send("why can't Alex access UAT"));
    expect(text).toContain('Several people match "Alex"');
    expect(text).toContain('Alex Kim (alex.kim@contoso.com)');
    expect(text).toContain('Alexandra Novak');
    const picked = await bot.invoke('diagnose.check', { user: 'f6bf49b3-1b90-4c6a-96df-fe3ae274b26e', environment: 'UAT' });
    expect(cardStrings(picked.card)).toContain('Alex Kim (alex.kim@contoso.com) in UAT');
  });

  it('when nobody matches, then it says so and offers the nearest names', async () => {
    // The nearest names are buttons that run the same check for them.
    expect(cardIn(await bot.send("why can't Jnae Doe access UAT"))).toMatch(/couldn't find anyone called "Jnae Doe".*Did you mean\nJane Doe \(jane\.doe@contoso\.com\)\nwhy can't jane\.doe@contoso\.com access UAT/);
  });

  it('when the environment is ambiguous or unknown, then it asks or suggests', async () => {
    expect(cardIn(await bot.send('check Jane in finance'))).toMatch(/"finance" matches several environments[\s\S]*UAT Finance[\s\S]*Finance Reporting/);
    expect(cardIn(await bot.send('check Jane in Prodution'))).toMatch(/There is no environment called "Prodution"\. Did you mean\nContoso Production/);
  });

  it('when no environment is named and no default is configured, then it asks with a choice card', async () => {
    expect(cardIn(await bot.send("why can't Siobhan O'Brien get in"))).toContain('Which environment should I check Siobhan O\'Brien in?');
  });

  it('when "the app" is asked about with neither a default app nor a default environment, then it asks which app (issue 14)', async () => {
    const text = cardIn(await bot.send("why can't Siobhan O'Brien access the app"));
    expect(text).toContain("Which app should I check Siobhan O'Brien for?");
    expect(text).toContain('Expense Tracker (2 environments)');
  });

  it('when asked for the form, then the form offers every environment and Check runs the diagnosis', async () => {
    const text = cardIn(await bot.send('check access'));
    expect(text).toContain("Why can't someone get in?");
    expect(text).toContain('Everywhere (every environment)');
    const result = await bot.invoke('diagnose.check', { user: "O'Brien", environment: UAT });
    expect(cardStrings(result.card)).toContain('Can access');
    const empty = await bot.invoke('diagnose.check', { user: '  ', environment: UAT });
    expect(empty.text).toContain('Please fill in the person');
  });
});

describe('diagnose with a default environment', () => {
  it('"the app" means the configured default environment', async () => {
    const other = await createTestBot({ env: { DEFAULT_ENVIRONMENT: 'UAT' } });
    try {
      expect(cardIn(await other.send("why can't Siobhan access the app"))).toContain("Siobhan O'Brien (siobhan.obrien@contoso.com) in UAT");
    } finally {
      await other.close();
    }
  });
});
