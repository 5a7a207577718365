import type { Activity } from 'botbuilder';
import { securityFor } from '../../src/security/guard';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';
import { contosoWith, SECOND_ADMIN, withAdmin } from '../sync/helpers/tenant';

const ADMIN: TestUser = { name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' };
const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot({ fixture: withAdmin(contosoWith(), SECOND_ADMIN.aadObjectId), from: ADMIN });
});
afterEach(async () => bot.close());

const uat = () => bot.sim.state().environmentsByOrg.get('contosouat')!.dataverse!;
const unitId = (name: string) => uat().businessUnits.find((b) => b.name === name)!.id;
const roleId = (name: string, unit = 'contosouat') => uat().roles.find((r) => r.name === name && r.businessUnitId === unitId(unit))!.id;
const rowOf = (upn: string) => uat().systemUsers.find((u) => u.domainName === upn)!;
const card = (activities: Partial<Activity>[]) => cardOf(messagesOf(activities)[0]);
const textOf = (activities: Partial<Activity>[]) => messagesOf(activities).map((a) => a.text ?? '').join('\n');

function confirmData(activities: Partial<Activity>[]): Record<string, unknown> {
  const actions = (card(activities)?.actions ?? []) as { title: string; data: Record<string, unknown> }[];
  return actions.find((a) => a.title.startsWith('Move to'))?.data ?? {};
}

function choiceSet(activities: Partial<Activity>[]): { value: string; choices: { title: string; value: string }[] } {
  const body = (card(activities)?.body ?? []) as Record<string, unknown>[];
  return body.find((b) => b.type === 'Input.ChoiceSet') as { value: string; choices: { title: string; value: string }[] };
}

describe('business units in chat (§9.3, seed 001)', () => {
  it('when an admin moves Wei to Finance, then the card says Dataverse removes the roles by default, offers them ticked, and the ticked ones come back as Finance\'s copies', async () => {
    const wei = rowOf('wei.zhang@contoso.com');
    wei.roleIds.push(roleId('Finance Clerk'));
    const ask = await bot.send('move Wei to business unit Finance in UAT');
    const text = cardStrings(card(ask));
    expect(text).toContain('Move Wei Zhang to the business unit Finance in UAT?');
    expect(text).toContain('By default Dataverse removes every security role given to Wei Zhang directly when the business unit changes (now: Auditor, Finance Clerk)');
    const choices = choiceSet(ask);
    expect(choices.choices.map((c) => c.title)).toEqual(['Auditor', 'Finance Clerk']);
    expect(choices.value.split(',')).toHaveLength(2);

    // the admin unticks Auditor: only Finance Clerk is given again
    const keepClerk = choices.choices.find((c) => c.title === 'Finance Clerk')!.value;
    const done = await bot.invoke(MOVE, { ...confirmData(ask), roles: keepClerk });
    expect(done.text).toBe('Done: Wei Zhang is in the business unit Finance in UAT. Roles in Finance: Finance Clerk. No longer held: Auditor.');
    expect(wei).toMatchObject({ businessUnitId: unitId('Finance'), roleIds: [roleId('Finance Clerk', 'Finance')] });
    const [entry] = (await securityFor(bot.deps).audit.list({ limit: 5 })).filter((r) => r.kind === 'fix');
    expect(entry).toMatchObject({ what: 'business-units.move', result: 'ok', summary: 'Move Wei Zhang from business unit contosouat to Finance, keeping Finance Clerk' });
  });

  it('when the organization keeps roles on a move (DoNotRemoveRolesOnChangeBusinessUnit), then the card says so and Dataverse swaps them for the new copies', async () => {
    uat().settings = { doNotRemoveRolesOnChangeBusinessUnit: true };
    const ask = await bot.send('move Wei Zhang to the Finance business unit in UAT');
    expect(cardStrings(card(ask))).toContain('UAT keeps roles on a business-unit change (DoNotRemoveRolesOnChangeBusinessUnit is on)');
    const done = await bot.invoke(MOVE, { ...confirmData(ask), roles: choiceSet(ask).value });
    expect(done.text).toContain('Roles in Finance: Auditor.');
    expect(rowOf('wei.zhang@contoso.com').roleIds).toEqual([roleId('Auditor', 'Finance')]);
  });

  it('when the card sends a role it did not offer, then it is ignored; helpdesk and a forwarded card are refused', async () => {
    const ask = await bot.send('move Wei to business unit Finance in UAT');
    const data = confirmData(ask);
    expect((await bot.invoke(MOVE, { ...data, roles: choiceSet(ask).value }, { from: HELPDESK })).text).toMatch(/admin/i);
    expect((await bot.invoke(MOVE, { ...data, roles: choiceSet(ask).value }, { from: SECOND_ADMIN })).text).toContain('Only the person who asked for this can confirm it.');
    const done = await bot.invoke(MOVE, { ...data, roles: roleId('System Administrator') });
    expect(done.text).toContain('No longer held: Auditor.');
    expect(rowOf('wei.zhang@contoso.com').roleIds).toEqual([]);
  });

  it('when the person is not in the environment or already in the unit, then nothing is asked', async () => {
    const jane = await bot.send('move Jane to business unit Finance in UAT');
    expect(cardStrings(card(jane))).toContain("Jane Doe isn't in UAT yet");
    const sync = ((card(jane)?.actions ?? []) as { data: { text: string } }[])[0]?.data.text;
    expect(sync).toBe('sync 1bc176ac-113e-4105-a8d2-93516aa828e1 to ceb11b53-d685-4c77-9a64-37b481898617 in business unit Finance');
    expect(textOf(await bot.send('move Wei to business unit contosouat in UAT'))).toContain('Wei Zhang is already in the business unit contosouat in UAT. Nothing to change.');
    expect(textOf(await bot.send('business units in UAT'))).toContain('- Finance (in contosouat)');
  });
});

const MOVE = 'business-units.confirm-move';
