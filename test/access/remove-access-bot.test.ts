import type { Activity } from 'botbuilder';
import { securityFor } from '../../src/security/guard';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';
import { contosoWith, UAT_SECURITY_GROUP, withAdmin } from '../sync/helpers/tenant';

const ADMIN: TestUser = { name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' };
const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
const SECOND_ADMIN: TestUser = { name: 'Omar Farouk', aadObjectId: '9a2d1e0d-abab-429f-bed0-8c2c685e5b65' };
const SIOBHAN = 'd6cd3e80-8cdd-461c-bf08-91a94f6b8c9e';
const UAT = 'ceb11b53-d685-4c77-9a64-37b481898617';

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot({ fixture: withAdmin(contosoWith(), SECOND_ADMIN.aadObjectId!), from: ADMIN });
});
afterEach(async () => bot.close());

type Action = { title: string; verb: string; data: Record<string, unknown> };
const actionsOf = (card: Record<string, unknown> | undefined) => (card?.actions ?? []) as Action[];
const firstCard = (activities: Partial<Activity>[]) => cardOf(messagesOf(activities)[0]);
const uatMembers = () => bot.sim.state().groupsById.get(UAT_SECURITY_GROUP)!.members;

describe('remove someone from an environment (Contoso, simulated)', () => {
  it('when an admin removes Siobhan from UAT, then she leaves UAT Access after the confirm, the audit trail says so, and her roles are offered next', async () => {
    const ask = await bot.send('remove Siobhan from UAT');
    const text = cardStrings(firstCard(ask));
    expect(text).toContain("Remove Siobhan O'Brien from UAT Access?");
    expect(text).toContain('Dataverse disables Siobhan O\'Brien in UAT at its next background sync, not at once');
    expect(text).toContain('records stay');
    expect(uatMembers()).toContain(SIOBHAN);
    const confirm = actionsOf(firstCard(ask)).find((a) => /Remove from UAT Access/.test(a.title))!;
    expect((await bot.invoke(confirm.verb, confirm.data, { from: SECOND_ADMIN })).text).toContain('Only the person who asked for this can confirm it.');

    const done = await bot.invoke(confirm.verb, confirm.data);
    expect(uatMembers()).not.toContain(SIOBHAN);
    expect(cardStrings(done.card)).toContain("Done: Siobhan O'Brien is no longer in UAT Access. Dataverse disables Siobhan O'Brien in UAT at its next background sync");
    const [entry] = (await securityFor(bot.deps).audit.list({ limit: 5 })).filter((r) => r.kind === 'fix');
    expect(entry).toMatchObject({ actorName: 'Nadia Rahman', what: 'access.remove', environment: 'UAT', result: 'ok', summary: "Remove Siobhan O'Brien from UAT Access (the security group of UAT)" });

    // The role removal is the roles feature's own command, with its own confirmation.
    const role = actionsOf(done.card).find((a) => /Remove Basic User/.test(a.title))!;
    expect(role.data.text).toBe(`remove the Basic User role from ${SIOBHAN} in ${UAT}`);
    const roleAsk = await bot.invoke(role.verb, role.data);
    expect(cardStrings(cardOf(messagesOf(roleAsk.replies)[0]))).toContain("Remove Basic User from Siobhan O'Brien in UAT?");
    expect((await bot.invoke(confirm.verb, confirm.data)).text).toContain('already confirmed');
  });

  it('when the admin presses Cancel, then nothing changes and the confirmation is gone', async () => {
    const card = firstCard(await bot.send('remove Siobhan from UAT'));
    const [confirm, cancel] = [/Remove from UAT Access/, /Cancel/].map((title) => actionsOf(card).find((a) => title.test(a.title))) as [Action, Action];
    expect((await bot.invoke(cancel.verb, cancel.data)).text).toBe('Cancelled. Nothing was changed.');
    expect((await bot.invoke(confirm.verb, confirm.data)).text).toContain('already confirmed or cancelled');
    expect(uatMembers()).toContain(SIOBHAN);
  });

  it('when the environment has no security group, then the answer says what removal would take and offers only the roles', async () => {
    const replies = await bot.send('remove Jane from Contoso (default)');
    const card = firstCard(replies);
    const text = cardStrings(card);
    expect(text).toContain("Contoso (default) has no security group: there is no membership to take away. Removing Jane Doe's licence would shut Jane Doe out of every environment; removing Jane Doe's roles affects only Contoso (default):");
    expect(actionsOf(card).map((a) => a.title)).toEqual(['Remove Basic User from Jane Doe']);
  });

  it('when the person is not a member, then nothing is asked; helpdesk may not remove anyone', async () => {
    const notMember = messagesOf(await bot.send('remove Jane from UAT'))[0];
    expect(notMember?.text ?? cardStrings(cardOf(notMember))).toContain("Jane Doe isn't a direct member of UAT Access");
    const refused = messagesOf(await bot.send('remove Siobhan from UAT', { from: HELPDESK }));
    expect(refused[0]?.text ?? '').toMatch(/admin/i);
    expect(uatMembers()).toContain(SIOBHAN);
  });

  it('when the bot lacks GroupMember.ReadWrite.All, then the removal is refused with that permission named and nothing changes', async () => {
    await bot.close();
    const fixture = withAdmin(contosoWith(), SECOND_ADMIN.aadObjectId!);
    fixture.apps[0]!.graphPermissions = fixture.apps[0]!.graphPermissions.filter((p) => p !== 'GroupMember.ReadWrite.All');
    bot = await createTestBot({ fixture, from: ADMIN });
    const confirm = actionsOf(firstCard(await bot.send('remove Siobhan from UAT'))).find((a) => /Remove from UAT Access/.test(a.title))!;
    const done = await bot.invoke(confirm.verb, confirm.data);
    expect(cardStrings(done.card) || done.text).toContain("lacks the application permission GroupMember.ReadWrite.All, which it needs to add people to groups and remove them");
    expect(uatMembers()).toContain(SIOBHAN);
    const [entry] = (await securityFor(bot.deps).audit.list({ limit: 5 })).filter((r) => r.kind === 'fix');
    expect(entry).toMatchObject({ what: 'access.remove', result: 'failed', code: 'Authorization_RequestDenied' });
  });
});
