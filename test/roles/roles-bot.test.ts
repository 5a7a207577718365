import type { Activity } from 'botbuilder';
import { securityFor } from '../../src/security/guard';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';
import { contosoWith, SECOND_ADMIN, withAdmin } from '../sync/helpers/tenant';

const ADMIN: TestUser = { name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' };
const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
const PLAIN_USER: TestUser = { name: 'Jane Doe', aadObjectId: '1bc176ac-113e-4105-a8d2-93516aa828e1' };

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot({ fixture: withAdmin(contosoWith(), SECOND_ADMIN.aadObjectId), from: ADMIN });
});
afterEach(async () => bot.close());

const uat = () => bot.sim.state().environmentsByOrg.get('contosouat')!.dataverse!;
const unitId = (name: string) => uat().businessUnits.find((b) => b.name === name)!.id;
const roleId = (name: string, unit = 'contosouat') => uat().roles.find((r) => r.name === name && r.businessUnitId === unitId(unit))!.id;
const rowOf = (upn: string) => uat().systemUsers.find((u) => u.domainName === upn)!;
const textOf = (activities: Partial<Activity>[]) => messagesOf(activities).map((a) => a.text ?? '').join('\n');
const cardTextOf = (activities: Partial<Activity>[]) => cardStrings(cardOf(messagesOf(activities)[0]));

function button(activities: Partial<Activity>[], title: RegExp): Record<string, unknown> {
  const actions = (cardOf(messagesOf(activities)[0])?.actions ?? []) as { title: string; data: Record<string, unknown> }[];
  const found = actions.find((a) => title.test(a.title));
  if (!found) throw new Error(`no button ${title} among ${actions.map((a) => a.title).join(', ')}`);
  return found.data;
}

describe('security roles in chat (Contoso, simulated)', () => {
  it('when an admin asks for the roles in UAT, then each root role shows with its description and how many people and teams hold it', async () => {
    const replies = await bot.send('roles in UAT');
    const card = cardTextOf(replies);
    expect(card).toContain('Security roles in UAT');
    expect(card).toContain('Finance Clerk');
    expect(card).toContain('Enters invoices and expense claims for the finance team.');
    // Basic User: Siobhan, Integration Service, Chris, Ben, Grace and the Integration Hub app user; one team
    const rows = (cardOf(messagesOf(replies)[0])?.body as Record<string, unknown>[]).filter((b) => b.type === 'ColumnSet').map((b) => cardStrings(b));
    const basic = rows.find((r) => r.includes('Basic User'));
    expect(basic).toMatch(/Basic User.*\b6\b.*\b1\b/s);
    expect(card).not.toMatch(/Finance Clerk[^]*Finance Clerk[^]*Finance Clerk/);
  });

  it('when an admin gives Siobhan the Finance Clerk role and confirms, then Dataverse has it and the audit trail says so with names', async () => {
    const ask = await bot.send('give Siobhan the Finance Clerk role in UAT');
    expect(cardTextOf(ask)).toContain("Give Siobhan O'Brien the Finance Clerk role in UAT?");
    const confirm = button(ask, /Give the role/);
    expect(rowOf('siobhan.obrien@contoso.com').roleIds).not.toContain(roleId('Finance Clerk'));

    const done = await bot.invoke(String(confirm.verb), confirm);
    expect(done.text).toContain("Done: Siobhan O'Brien has the Finance Clerk role in UAT (business unit contosouat)");
    expect(rowOf('siobhan.obrien@contoso.com').roleIds).toContain(roleId('Finance Clerk'));
    const [entry] = await securityFor(bot.deps).audit.list({ limit: 5 }).then((rows) => rows.filter((r) => r.kind === 'fix'));
    expect(entry).toMatchObject({ actorName: 'Nadia Rahman', what: 'roles.give', environment: 'UAT', result: 'ok', summary: "Give Siobhan O'Brien the Finance Clerk role (business unit contosouat)" });

    const again = await bot.invoke(String(confirm.verb), confirm);
    expect(again.text).toContain('already confirmed');
    expect(textOf(await bot.send('give Siobhan the Finance Clerk role in UAT'))).toContain("Siobhan O'Brien already has the Finance Clerk role in UAT. Nothing to change.");
  });

  it('when the person is in a child business unit, then the bot assigns that unit\'s copy (Dataverse refuses the root role, 0x80041409)', async () => {
    const wei = rowOf('wei.zhang@contoso.com');
    wei.businessUnitId = unitId('Finance');
    wei.roleIds = [];
    const ask = await bot.send('give Wei the Finance Clerk role in UAT');
    expect(cardTextOf(ask)).toContain("Wei Zhang is in the business unit Finance, so this is Finance's copy of the role");
    const confirm = button(ask, /Give the role/);
    const done = await bot.invoke(String(confirm.verb), confirm);
    expect(done.text).toContain('(business unit Finance)');
    expect(wei.roleIds).toEqual([roleId('Finance Clerk', 'Finance')]);
  });

  it('when a role is removed, then only the direct assignment goes', async () => {
    const ask = await bot.send('remove the Auditor role from Wei in UAT');
    expect(cardTextOf(ask)).toContain('Remove Auditor from Wei Zhang in UAT?');
    const confirm = button(ask, /Remove the role/);
    expect((await bot.invoke(String(confirm.verb), confirm)).text).toContain('Done: Wei Zhang no longer has the Auditor role directly in UAT.');
    expect(rowOf('wei.zhang@contoso.com').roleIds).toEqual([]);
    expect(textOf(await bot.send('remove the Basic User role from Wei in UAT'))).toContain("doesn't have Basic User directly in UAT: it comes through the team Finance Department Team");
  });

  it('when the name matches several roles or none, then a choice or suggestions come back and nothing is asked', async () => {
    const several = await bot.send('give Siobhan the Finance role in UAT');
    expect(cardTextOf(several)).toContain('Several security roles in UAT match "Finance"');
    const titles = ((cardOf(messagesOf(several)[0])?.actions ?? []) as { title: string }[]).map((a) => a.title);
    expect(titles).toEqual(['Finance Approver', 'Finance Clerk', 'Finance Coordinator']);
    const unknown = await bot.send('give Siobhan the Finanse Clerk role in UAT');
    expect(cardTextOf(unknown)).toContain('UAT has no security role called "Finanse Clerk". Did you mean:');
  });

  it('when the person is not in the environment yet, then the answer offers to sync them with the role', async () => {
    const replies = await bot.send('give Jane the Finance Clerk role in UAT');
    expect(cardTextOf(replies)).toContain("Jane Doe isn't in UAT yet");
    const sync = button(replies, /Sync Jane Doe to UAT as Finance Clerk/);
    expect(String(sync.text)).toMatch(/^sync 1bc176ac-113e-4105-a8d2-93516aa828e1 to ceb11b53-d685-4c77-9a64-37b481898617 as Finance Clerk$/);
  });

  it('when helpdesk or a plain user asks, or another admin presses a forwarded confirm, then it is refused and nothing changes', async () => {
    expect(textOf(await bot.send('give Siobhan the Finance Clerk role in UAT', { from: HELPDESK }))).toMatch(/admin/i);
    expect(textOf(await bot.send('roles in UAT', { from: PLAIN_USER }))).toContain("You're not allowed to use this bot yet");
    const ask = await bot.send('give Siobhan the Finance Clerk role in UAT');
    const confirm = button(ask, /Give the role/);
    const helpdesk = await bot.invoke(String(confirm.verb), confirm, { from: HELPDESK });
    const forwarded = await bot.invoke(String(confirm.verb), confirm, { from: SECOND_ADMIN });
    expect(helpdesk.text).toMatch(/admin/i);
    expect(forwarded.text).toContain('Only the person who asked for this can confirm it.');
    expect(rowOf('siobhan.obrien@contoso.com').roleIds).not.toContain(roleId('Finance Clerk'));
    const refusals = (await securityFor(bot.deps).audit.list({ limit: 20 })).filter((r) => r.result === 'refused');
    expect(refusals.length).toBeGreaterThanOrEqual(3);
  });

  it('when the bot\'s application user may not assign roles, then the refusal names the privilege in plain words', async () => {
    const ask = await bot.send('give Avery the Environment Maker role in UAT Finance');
    const confirm = button(ask, /Give the role/);
    const refused = await bot.invoke(String(confirm.verb), confirm);
    expect(refused.text).toContain("The bot's application user in UAT Finance lacks the privilege to assign security roles (prvAssignRole): give it a security role with that privilege");
    const [entry] = (await securityFor(bot.deps).audit.list({ limit: 5 })).filter((r) => r.kind === 'fix');
    expect(entry).toMatchObject({ what: 'roles.give', result: 'failed', code: '0x80040220', summary: 'Give Avery Brooks the Environment Maker role (business unit contosouatfin)' });
  });
});
