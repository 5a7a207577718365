import type { Activity } from 'botbuilder';
import { securityFor } from '../../src/security/guard';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';

const ADMIN: TestUser = { name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' };
const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
const FINANCE_INTERNS = '1c13e198-87a7-4c2f-a804-12c7a5d19f23';

let bot: TestBot;
beforeEach(async () => {
  bot = await createTestBot({ from: ADMIN });
});
afterEach(async () => bot.close());

const uat = () => bot.sim.state().environmentsByOrg.get('contosouat')!.dataverse!;
const card = (activities: Partial<Activity>[]) => cardOf(messagesOf(activities)[0]);
const textOf = (activities: Partial<Activity>[]) => messagesOf(activities).map((a) => a.text ?? '').join('\n');
const confirmOf = (activities: Partial<Activity>[]) => ((card(activities)?.actions ?? []) as { title: string; data: Record<string, unknown> }[]).find((a) => a.title === 'Create the group team')!.data;

describe('group teams in chat (pac admin assign-group parity, §11)', () => {
  it('when an admin links Finance Interns to UAT as Finance Clerk for members only, then the team is created in the root unit with the role, listed, and a second link is refused with its name', async () => {
    const ask = await bot.send('link Finance Interns to UAT as Finance Clerk members only');
    const question = cardStrings(card(ask));
    expect(question).toContain('Link Finance Interns to UAT as Finance Clerk?');
    expect(question).toContain('Dataverse gets a group team "Finance Interns" (Microsoft Entra security group, members) in the root business unit contosouat, holding the role Finance Clerk.');
    expect(question).toContain('UAT admits only members of UAT Access');
    const before = uat().teams.length;
    const done = await bot.invoke('group-teams.confirm-link', confirmOf(ask));
    expect(done.text).toBe('Done: Finance Interns is linked to UAT as Finance Clerk (members). Its members get the role when they are in UAT and sign in or are synced.');
    const team = uat().teams.at(-1)!;
    expect(uat().teams).toHaveLength(before + 1);
    const clerk = uat().roles.find((r) => r.name === 'Finance Clerk' && !r.parentRootRoleId)!;
    expect(team).toMatchObject({ name: 'Finance Interns', teamType: 2, membershipType: 1, groupId: FINANCE_INTERNS, roleIds: [clerk.id], memberIds: [], businessUnitId: uat().businessUnits.find((b) => b.parentId === null)!.id });
    const [entry] = (await securityFor(bot.deps).audit.list({ limit: 5 })).filter((r) => r.kind === 'fix');
    expect(entry).toMatchObject({ what: 'group-teams.link', result: 'ok', summary: 'Link group Finance Interns to UAT as Finance Clerk (Members)', environment: 'UAT' });

    const list = cardStrings(card(await bot.send('group teams in UAT')));
    expect(list).toContain('Finance Interns');
    expect(list).toContain('Security group Finance Interns · Members');
    expect(list).toContain('Roles: Finance Clerk');
    expect(list).toContain('Security group Financial Coordinators · Members and guests');

    expect(textOf(await bot.send('link Finance Interns to UAT as Auditor members only'))).toBe(
      'Finance Interns is already linked to UAT for members: the group team Finance Interns gives Finance Clerk. Dataverse keeps one team per group and membership type, so I created nothing.',
    );
  });

  it('when the seed\'s Financial Coordinators group is linked again for members and guests, then the existing Financial Coordinator Team is named and nothing is created', async () => {
    const before = uat().teams.length;
    expect(textOf(await bot.send('link Financial Coordinators to UAT as Finance Clerk'))).toContain('the group team Financial Coordinator Team gives Finance Coordinator');
    expect(uat().teams).toHaveLength(before);
  });

  it('when two confirm cards race for the same group, then Dataverse refuses the second team (0x80040237, UNVERIFIED code) and the answer names the duplicate', async () => {
    const first = confirmOf(await bot.send('link Finance Team to UAT as Finance Clerk'));
    const second = confirmOf(await bot.send('link Finance Team to UAT as Auditor'));
    expect((await bot.invoke('group-teams.confirm-link', first)).text).toContain('Done: Finance Team is linked to UAT as Finance Clerk (members and guests)');
    expect(uat().teams.find((t) => t.name === 'Finance Team')).toMatchObject({ teamType: 3 });
    const refused = await bot.invoke('group-teams.confirm-link', second);
    expect(refused.text).toContain('I could not link Finance Team to UAT. Dataverse refused a duplicate (0x80040237)');
    expect(refused.text).toContain('Finance Team already has a team for members and guests in UAT');
  });

  it('when helpdesk asks to link a group, then it is refused', async () => {
    expect(textOf(await bot.send('link Finance Interns to UAT as Finance Clerk', { from: HELPDESK }))).toMatch(/admin/i);
    expect(textOf(await bot.send('group teams in UAT', { from: HELPDESK }))).toMatch(/admin/i);
  });
});
