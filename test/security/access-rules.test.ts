/**
 * Each access rule of issue 6, shown from the outside: Teams activities through botbuilder's
 * TestAdapter into the real bot, against the simulated Contoso tenant. (401 for an unsigned
 * request over HTTP: test/http/server.test.ts, "when MicrosoftAppId is set, then a POST without a
 * valid token gets 401 and reaches no handler".)
 */
import type { Activity } from 'botbuilder';
import { securityFor } from '../../src/security/guard';
import { NO_IDENTITY_MESSAGE } from '../../src/security/roles';
import { OTHER_TENANT_MESSAGE } from '../../src/security/tenant-lock';
import { syncRuntimeFor } from '../../src/features/sync';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { asShown } from '../helpers/card-check';
import { buttonData, lastUpdatedCard } from '../sync/helpers/run-group-sync';
import { ADMIN, ANONYMOUS, HELPDESK, JANE, microsoftCalls, OTHER_TENANT, PLAIN, storeSnapshot, UAT, UAT_ACCESS } from './helpers/watch';

const textOf = (activities: Partial<Activity>[]) => messagesOf(activities).map((a) => a.text ?? '').join('\n');
const cardsOf = (activities: Partial<Activity>[]) => messagesOf(activities).filter((a) => cardOf(a));
const ONLY_ADMINS = /Only members of Dataverse Access Bot Admins can do this.*Ask a member of Dataverse Access Bot Admins/;
const NOT_ALLOWED = /not allowed to use this bot yet\. Ask a member of Dataverse Access Bot Admins to add you to Dataverse Access Bot Helpdesk/;

describe('who may do what (Contoso, through the Teams adapter)', () => {
  let bot: TestBot;
  let clock = Date.UTC(2026, 10, 22, 9, 0, 0);
  const members = (groupId: string) => bot.sim.state().groupsById.get(groupId)?.members ?? [];

  beforeAll(async () => {
    bot = await createTestBot({ now: () => clock });
  });
  afterAll(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  it('when a helpdesk user asks for a sync, then it is refused, names the admins group, and nothing is called or stored', async () => {
    const calls = microsoftCalls(bot.sim);
    const store = await storeSnapshot(bot.deps.db);
    const replies = await bot.send('sync Financial Coordinators to UAT', { from: HELPDESK });
    expect(textOf(replies)).toMatch(ONLY_ADMINS);
    expect(cardsOf(replies)).toHaveLength(0);
    const after = microsoftCalls(bot.sim);
    expect(after).toMatchObject({ bap: calls.bap, dataverse: calls.dataverse, graphWrites: calls.graphWrites, addUser: calls.addUser });
    // At most the role look-up and the admins group's name.
    expect(after.graph - calls.graph).toBeLessThanOrEqual(2);
    expect(await storeSnapshot(bot.deps.db)).toBe(store);
  });

  it('when a plain user asks for a diagnosis, then it is refused with who can help, and no Power Platform or Dataverse call is made', async () => {
    const calls = microsoftCalls(bot.sim);
    const replies = await bot.send("why can't jane.doe@contoso.com access UAT", { from: PLAIN });
    expect(textOf(replies)).toMatch(NOT_ALLOWED);
    expect(microsoftCalls(bot.sim)).toMatchObject({ bap: calls.bap, dataverse: calls.dataverse, graphWrites: calls.graphWrites });
  });

  it('when a message comes without from.aadObjectId, then it is refused with an explanation', async () => {
    const calls = microsoftCalls(bot.sim);
    const replies = await bot.send("why can't jane.doe@contoso.com access UAT", { from: ANONYMOUS });
    expect(textOf(replies)).toBe(NO_IDENTITY_MESSAGE);
    expect(microsoftCalls(bot.sim)).toEqual(calls);
  });

  it('when a fix card is forwarded, then its buttons are checked against whoever clicks them', async () => {
    const diagnosis = cardOf(messagesOf(await bot.send("why can't jane.doe@contoso.com access UAT", { from: ADMIN }))[0]);
    const add = buttonData(diagnosis, 'Add Jane Doe to UAT Access');
    const recheck = buttonData(diagnosis, 'Re-check');
    const calls = microsoftCalls(bot.sim);

    const byHelpdesk = await bot.invoke(String(add.verb), add, { from: HELPDESK });
    expect(byHelpdesk.text).toMatch(ONLY_ADMINS);
    const byPlain = await bot.invoke(String(recheck.verb), recheck, { from: PLAIN });
    expect(byPlain.text).toMatch(NOT_ALLOWED);
    const submitted = await bot.submit(String(add.verb), add, { from: PLAIN });
    expect(textOf(submitted)).toMatch(NOT_ALLOWED);

    expect(microsoftCalls(bot.sim)).toMatchObject({ graphWrites: calls.graphWrites, addUser: calls.addUser, bap: calls.bap, dataverse: calls.dataverse });
    expect(members(UAT_ACCESS)).not.toContain(JANE);
  });

  it('when a confirmation is clicked by someone else, twice, or replayed, then the change happens exactly once', async () => {
    const ask = await bot.invoke('diagnose.add-to-group', { userId: JANE, environmentId: UAT }, { from: ADMIN });
    const confirm = buttonData(ask.card, 'Add to UAT Access');
    const calls = microsoftCalls(bot.sim);

    const forwarded = await bot.invoke('diagnose.confirm-add', confirm, { from: HELPDESK });
    expect(forwarded.text).toMatch(ONLY_ADMINS);
    expect(members(UAT_ACCESS)).not.toContain(JANE);

    const [first, second] = await Promise.all([
      bot.invoke('diagnose.confirm-add', confirm, { from: ADMIN }),
      bot.invoke('diagnose.confirm-add', confirm, { from: ADMIN }),
    ]);
    const answers = [cardStrings(first.card) || first.text, cardStrings(second.card) || second.text].join('\n');
    expect(answers).toContain('Added Jane Doe to UAT Access.');
    expect(answers).toContain('This was already confirmed or cancelled.');
    const replayed = await bot.submit('diagnose.confirm-add', confirm, { from: ADMIN });
    expect(textOf(replayed)).toBe('This was already confirmed or cancelled.');

    expect(microsoftCalls(bot.sim).graphWrites - calls.graphWrites).toBe(1);
    expect(members(UAT_ACCESS).filter((id) => id === JANE)).toHaveLength(1);
  });

  it('when a group sync preview is confirmed after the confirmation expired (15 minutes), then nothing is synced', async () => {
    expect(bot.deps.config.confirmationTtlMinutes).toBe(15);
    await bot.send('sync Financial Coordinators to UAT', { from: ADMIN });
    await syncRuntimeFor(bot.deps).idle();
    const previewCard = lastUpdatedCard(bot);
    expect(cardStrings(previewCard)).toMatch(/Sync all anyway/);
    const calls = microsoftCalls(bot.sim);
    const store = await storeSnapshot(bot.deps.db);

    clock += 15 * 60_000 + 1_000;
    const late = await bot.invoke('sync.confirm', buttonData(previewCard, 'Sync all anyway'), { from: ADMIN });
    expect(late.text).toBe('This confirmation has expired. Please start again.');
    await syncRuntimeFor(bot.deps).idle();
    expect(microsoftCalls(bot.sim).addUser).toBe(calls.addUser);
    expect(await storeSnapshot(bot.deps.db)).toBe(store);
  });

  it('when an activity comes from another tenant, then it gets one polite refusal and nothing else happens', async () => {
    const calls = microsoftCalls(bot.sim);
    const store = await storeSnapshot(bot.deps.db);
    const elsewhere = { conversation: { id: 'a:fabrikam-chat', conversationType: 'personal', tenantId: OTHER_TENANT, isGroup: false, name: 'x' }, channelData: { tenant: { id: OTHER_TENANT } } };

    const replies = await bot.send('sync Financial Coordinators to UAT', { from: ADMIN, activity: elsewhere });
    expect(replies.map((a) => a.text)).toEqual([OTHER_TENANT_MESSAGE]);
    const clicked = await bot.invoke('diagnose.sync', { userId: JANE, environmentId: UAT }, { from: ADMIN, activity: elsewhere });
    expect(clicked).toMatchObject({ status: 200, text: OTHER_TENANT_MESSAGE, replies: [] });
    const mixed = await bot.send('help', { activity: { channelData: { tenant: { id: OTHER_TENANT } } } });
    expect(mixed.map((a) => a.text)).toEqual([OTHER_TENANT_MESSAGE]);
    const none = await bot.send('help', { activity: { conversation: { id: 'a:no-tenant', conversationType: 'personal', isGroup: false, name: 'x' }, channelData: {} } });
    expect(none.map((a) => a.text)).toEqual([OTHER_TENANT_MESSAGE]);
    const installed = await bot.install({ activity: elsewhere });
    expect(installed).toEqual([]);

    expect(microsoftCalls(bot.sim)).toEqual(calls);
    expect(await storeSnapshot(bot.deps.db)).toBe(store);
    expect(await bot.app.conversations.get('a:fabrikam-chat')).toBeNull();
    const refusals = (await securityFor(bot.deps).audit.list({ limit: 5 })).filter((e) => e.what === 'tenant');
    expect(refusals[0]).toMatchObject({ kind: 'refusal', result: 'refused', code: 'auth.tenant', summary: expect.stringContaining(OTHER_TENANT) });
  });

  it('records commands, card actions, fixes and refusals in the audit trail, which only admins can read', async () => {
    const entries = await securityFor(bot.deps).audit.list({ limit: 0 });
    const find = (what: string, actorName: string, result: string) => entries.find((e) => e.what === what && e.actorName === actorName && e.result === result);
    expect(find('sync', 'Liam Chen', 'refused')).toMatchObject({ kind: 'refusal', code: 'auth.forbidden', actorId: HELPDESK.aadObjectId, summary: 'sync Financial Coordinators to UAT', environment: 'UAT' });
    expect(find('diagnose', 'Ingrid Olsen', 'refused')).toMatchObject({ code: 'auth.forbidden' });
    expect(find('diagnose', 'Web Chat', 'refused')).toMatchObject({ actorId: null });
    expect(find('diagnose', 'Nadia Rahman', 'ok')).toMatchObject({ kind: 'command', environment: 'UAT' });
    // The click is a request; what it changed is the handler's own row, a sentence with names.
    expect(find('diagnose.confirm-add', 'Nadia Rahman', 'ok')).toMatchObject({ kind: 'action', summary: '' });
    expect(entries.find((e) => e.kind === 'fix' && e.what === 'diagnose.confirm-add')).toMatchObject({ summary: 'added Jane Doe to UAT Access', environment: 'UAT' });
    expect(find('diagnose.confirm-add', 'Nadia Rahman', 'failed')).toMatchObject({ code: 'confirm.used' });
    expect(find('sync.confirm', 'Nadia Rahman', 'failed')).toMatchObject({ kind: 'action', code: 'confirm.expired' });

    const refused = await bot.send('audit', { from: HELPDESK });
    expect(textOf(refused)).toMatch(ONLY_ADMINS);
    const shown = asShown(cardStrings(cardOf(messagesOf(await bot.send('audit user liam', { from: ADMIN }))[0])));
    expect(shown).toContain('⛔ **Liam Chen** asked “sync Financial Coordinators to UAT”: refused, their role does not allow it');
    expect(shown).not.toContain('Nadia Rahman');
    const changes = asShown(cardStrings(cardOf(messagesOf(await bot.send('audit env UAT', { from: ADMIN }))[0])));
    expect(changes).toContain('✅ **Nadia Rahman** added Jane Doe to UAT Access');
    expect(changes).not.toMatch(/✅ \*\*Nadia Rahman\*\* asked “why can't/); // a lookup that was answered: only with "audit all"
    const everything = asShown(cardStrings(cardOf(messagesOf(await bot.send('audit all env UAT', { from: ADMIN }))[0])));
    expect(everything).toMatch(/✅ \*\*Nadia Rahman\*\* asked “why can't/);
    expect(everything).not.toMatch(/confirmationId|[0-9a-f]{8}-[0-9a-f]{4}-|auth\.forbidden|confirm\.used/);
  });
});

describe('per-caller limits on expensive requests', () => {
  let bot: TestBot;
  let clock = Date.UTC(2026, 10, 22, 9, 0, 0);
  beforeAll(async () => {
    bot = await createTestBot({ now: () => clock, env: { RATE_LIMIT_BURST: '1', RATE_LIMIT_PER_MINUTE: '2' } });
  });
  afterAll(() => bot.close());

  it('when someone checks every environment again too soon, then they are told when to try again and nothing is called', async () => {
    const first = await bot.send('check jane.doe@contoso.com everywhere', { from: HELPDESK });
    expect(cardsOf(first)).toHaveLength(1);
    const calls = microsoftCalls(bot.sim);

    clock += 10_000;
    const second = await bot.send('check jane.doe@contoso.com everywhere', { from: HELPDESK });
    expect(textOf(second)).toMatch(/Try again in 20 s\.$/);
    expect(microsoftCalls(bot.sim)).toEqual(calls);

    const someoneElse = await bot.send('check jane.doe@contoso.com everywhere', { from: ADMIN });
    expect(cardsOf(someoneElse)).toHaveLength(1);
    const cheap = await bot.send("why can't jane.doe@contoso.com access UAT", { from: HELPDESK });
    expect(cardsOf(cheap)).toHaveLength(1);

    clock += 20_000;
    const later = await bot.send('check jane.doe@contoso.com everywhere', { from: HELPDESK });
    expect(cardsOf(later)).toHaveLength(1);
    expect((await securityFor(bot.deps).audit.list({ user: 'Liam' })).find((e) => e.result === 'refused')).toMatchObject({ code: 'limit.rate', kind: 'refusal' });
  });

  it('when a sync is asked for again too soon, then every way into it is limited: typed, from the form, from a choice card', async () => {
    clock += 120_000;
    expect(textOf(await bot.send('sync jane.doe@contoso.com to UAT', { from: ADMIN }))).not.toMatch(/Try again/);
    await syncRuntimeFor(bot.deps).idle();
    const calls = microsoftCalls(bot.sim);
    const form = await bot.invoke('sync.form', { target: 'jane.doe@contoso.com', environment: UAT, includeNested: 'false', readyOnly: 'false' }, { from: ADMIN });
    const choice = await bot.invoke('sync.choose', { text: 'sync jane.doe@contoso.com to UAT' }, { from: ADMIN });
    for (const answer of [form, choice]) expect([answer.text, textOf(answer.replies)].join(' ')).toMatch(/Try again in \d+ s\./);
    await syncRuntimeFor(bot.deps).idle();
    expect(microsoftCalls(bot.sim)).toEqual(calls);
  });
});
