/**
 * Every failed check has a next step (issue 13 item 7): a button under the check when the bot can fix it, else
 * who can and where, with a link the bot builds. The same buttons on the everywhere card's detail view; admins
 * only, and a confirmation is bound to whoever asked for it.
 */
import type { TenantFixture } from '../../src/sim/model';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';
import { expectValidCard } from '../helpers/card-check';
import type { Card } from '../sync/helpers/run-group-sync';
import { contosoWith, withAdmin } from '../sync/helpers/tenant';

const ADMIN: TestUser = { name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' };
const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
const PLAIN_USER: TestUser = { name: 'Jane Doe', aadObjectId: '1bc176ac-113e-4105-a8d2-93516aa828e1' };
const SECOND_ADMIN: TestUser = { name: 'Omar Farouk', aadObjectId: '9a2d1e0d-abab-429f-bed0-8c2c685e5b65' };
const UAT = 'ceb11b53-d685-4c77-9a64-37b481898617';
const WEI = '624028d7';

type Button = { type: string; title: string; verb?: string; url?: string; data?: Record<string, unknown> };

/** The check container whose title is `title`, and the buttons and links under it. */
function check(card: Record<string, unknown> | undefined, title: string): { text: string; buttons: Button[] } {
  const containers = ((card?.body ?? []) as { type: string; items?: Record<string, unknown>[] }[]).filter((b) => b.type === 'Container' && b.items?.[0]?.text?.toString().includes(`**${title}**`));
  const container = containers[0];
  if (!container) throw new Error(`no check ${title} in:\n${cardStrings(card)}`);
  const buttons = (container.items ?? []).filter((i) => i.type === 'ActionSet').flatMap((i) => i.actions as Button[]);
  return { text: cardStrings(container), buttons };
}
const first = (buttons: Button[], title: RegExp): Button => {
  const found = buttons.find((b) => title.test(b.title));
  if (!found) throw new Error(`no button ${title} among ${buttons.map((b) => b.title).join(', ')}`);
  return found;
};

function fixture(): TenantFixture {
  const f = withAdmin(contosoWith(), SECOND_ADMIN.aadObjectId!);
  const uat = f.environments.find((e) => e.displayName === 'UAT')!.dataverse!;
  const wei = uat.systemUsers.find((u) => u.fullName === 'Wei Zhang')!;
  wei.roleIds = [];
  uat.teams.forEach((t) => (t.memberIds = t.memberIds.filter((id) => id !== wei.systemUserId)));
  // and no group team of hers gives one at sign-in
  f.groups.forEach((g) => (g.members = g.members.filter((id) => id !== wei.azureObjectId || g.displayName === 'UAT Access')));
  return f;
}

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ fixture: fixture(), from: ADMIN });
});
afterAll(async () => bot.close());

const diagnose = async (text: string, from: TestUser = ADMIN) => cardOf(messagesOf(await bot.send(text, { from }))[0]);

describe('next steps on the diagnosis card', () => {
  it('when the licence fails, then "Fix the licence" sits under it and offers the licensing group, only to admins, bound to the one who asked', async () => {
    const card = await diagnose("why can't Lucas access UAT");
    expectValidCard(card as Card);
    const fix = first(check(card, 'Licence').buttons, /^Fix Lucas Martin's licence$/);
    expect(fix.verb).toBe('licences.fix');
    for (const who of [HELPDESK, PLAIN_USER]) {
      const refused = await bot.invoke(fix.verb!, fix.data, { from: who });
      expect(refused.text ?? '').toMatch(/Only members of Dataverse Access Bot Admins|admin/i);
    }
    const offer = await bot.invoke(fix.verb!, fix.data);
    expect(cardStrings(offer.card)).toContain('Add Lucas Martin to Power Apps Premium Licensing?');
    const confirm = first(((offer.card?.actions ?? []) as Button[]), /Add to Power Apps Premium Licensing/);
    expect((await bot.invoke(confirm.verb!, confirm.data, { from: SECOND_ADMIN })).text).toBe('Only the person who asked for this can confirm it.');
    expect(bot.sim.state().groupsById.get('465cd8f8-8d5d-46a7-b309-8de22975267a')!.members).not.toContain('89bd5d8e-5389-48a6-8fdf-d1813b0d3de6');
  });

  it('when the security group or the Dataverse user fails, then Add and Sync sit under those checks; Re-check stays at the bottom', async () => {
    const card = await diagnose("why can't Jane access UAT");
    expect(first(check(card, 'Security group').buttons, /^Add Jane Doe to UAT Access$/).verb).toBe('diagnose.add-to-group');
    expect(((card?.actions ?? []) as Button[]).map((a) => a.title)).toEqual(['Re-check']);
    const owner = await diagnose("why can't Ravi access UAT");
    expect(first(check(owner, 'Security group').buttons, /^Sync Ravi Iyer to UAT now$/).verb).toBe('diagnose.sync');
  });

  it('when someone in Dataverse has no role, then "Assign a role" lists the peers\' roles first and runs the roles feature\'s own command', async () => {
    const card = await diagnose("why can't Wei access UAT");
    const assign = first(check(card, 'Security role').buttons, /^Assign Wei Zhang a role$/);
    const picker = await bot.invoke(assign.verb!, assign.data);
    expect(cardStrings(picker.card)).toMatch(/Which security role should Wei Zhang get in UAT\? Roles their peers hold: Basic User \(\d+ of \d+\)/);
    const choices = (picker.card?.actions ?? []) as Button[];
    expect(choices[0]?.title).toMatch(/^Basic User \(\d+ of \d+ peers\)$/);
    expect(choices[0]?.data?.text).toMatch(new RegExp(`^give ${WEI}[0-9a-f-]+ the Basic User role in ${UAT}$`));
    const ask = await bot.invoke(choices[0]!.verb!, choices[0]!.data);
    expect(cardStrings(cardOf(messagesOf(ask.replies)[0]))).toContain('Give Wei Zhang the Basic User role in UAT?');
    expect((await bot.invoke(assign.verb!, assign.data, { from: HELPDESK })).text ?? '').toMatch(/admin/i);
  });

  it('when most peers with a role are in another business unit, then moving there is offered first (the business-units feature\'s command)', async () => {
    const uat = bot.sim.state().environmentsByOrg.get('contosouat')!.dataverse!;
    const finance = uat.businessUnits.find((b) => b.name === 'Finance')!.id;
    const moved = uat.systemUsers.filter((u) => ["Siobhan O'Brien", 'Integration Service'].includes(u.fullName));
    const before = moved.map((u) => u.businessUnitId);
    moved.forEach((u) => (u.businessUnitId = finance));
    try {
      const assign = first(check(await diagnose("why can't Wei access UAT"), 'Security role').buttons, /^Assign Wei Zhang a role$/);
      const picker = await bot.invoke(assign.verb!, assign.data);
      const [move] = (picker.card?.actions ?? []) as Button[];
      expect(move?.title).toBe('Move Wei Zhang to business unit Finance');
      expect(move?.data?.text).toMatch(new RegExp(`^move ${WEI}[0-9a-f-]+ to business unit Finance in ${UAT}$`));
    } finally {
      moved.forEach((u, i) => (u.businessUnitId = before[i] as string));
    }
  });

  it('when someone is not in Dataverse yet and no group team gives a role, then the role choice syncs them with it', async () => {
    const card = await diagnose("why can't José access UAT");
    const assign = first(check(card, 'Security role').buttons, /^Assign José Ñúñez a role$/);
    const picker = await bot.invoke(assign.verb!, assign.data);
    expect(cardStrings(picker.card)).toContain("José Ñúñez isn't in UAT yet: I'll sync José Ñúñez with the role you pick.");
    expect(((picker.card?.actions ?? []) as Button[])[0]?.data?.text).toMatch(new RegExp(`^sync 9703a340-[0-9a-f-]+ to ${UAT} as `));
  });

  it('when the bot cannot fix it, then the check says who can and links the admin site: sign-in blocked, administration mode, someone else\'s Developer environment', async () => {
    const tom = check(await diagnose("why can't Tom access UAT"), 'Entra ID account');
    expect(tom.text).toContain('A User Administrator unblocks sign-in: Microsoft 365 admin center → Users → Active users → Tom Becker → Unblock sign-in.');
    expect(first(tom.buttons, /Open the Microsoft 365 admin center/)).toMatchObject({ type: 'Action.OpenUrl', url: 'https://admin.microsoft.com' });
    const staging = check(await diagnose("why can't Siobhan access Staging (maintenance)"), 'Environment');
    expect(staging.text).toContain('turns off administration mode');
    expect(first(staging.buttons, /Open the Power Platform admin center/).url).toBe('https://admin.powerplatform.microsoft.com/environments/57a1edac-7c65-4231-bb36-acd444e1f14d/hub');
    const dev = check(await diagnose("why can't Jane access Alex Kim (dev)"), 'Environment');
    expect(dev.text).toContain('Only its creator gets into a Developer environment');
    expect(first(dev.buttons, /Open the Power Platform admin center/).url).toBe('https://admin.powerplatform.microsoft.com/environments/54949aa2-8c54-45c4-be70-97c4205ed526/hub');
  });

  it('when the everywhere card opens one environment, then its checks carry the same buttons', async () => {
    const overview = await diagnose('check Lucas everywhere');
    const rows = ((overview?.body ?? []) as { type: string; columns?: { items: { text?: string; actions?: Button[] }[] }[] }[]).filter((b) => b.type === 'ColumnSet');
    const uat = rows.find((r) => r.columns?.[0]?.items[0]?.text?.includes('**UAT**'))!;
    const details = uat.columns![1]!.items[0]!.actions![0]!;
    const detail = await bot.invoke(details.verb!, details.data);
    expect(((detail.card?.actions ?? []) as Button[])[0]?.title).toBe('Back to every environment');
    expect(first(check(detail.card, 'Licence').buttons, /^Fix Lucas Martin's licence$/).verb).toBe('licences.fix');
    expect(check(detail.card, 'Security role').buttons).toEqual([]);
  });

  it('when helpdesk, a plain user or a second admin presses any fix on a card made for an admin (forwarded or shared), then it is refused and the tenant is unchanged', async () => {
    const tenant = () => JSON.stringify(bot.sim.state().fixture);
    const cards = await Promise.all(["why can't Jane access UAT", "why can't Ravi access UAT", "why can't Lucas access UAT", "why can't Wei access UAT"].map((text) => diagnose(text)));
    const fixes = cards.flatMap((card) => ['Security group', 'Licence', 'Dataverse user', 'Security role'].flatMap((title) => {
      try {
        return check(card, title).buttons.filter((b) => b.verb);
      } catch {
        return [];
      }
    }));
    expect(fixes.map((f) => f.verb).sort()).toEqual(expect.arrayContaining(['diagnose.add-to-group', 'diagnose.sync', 'licences.fix', 'access.pick-role'].sort()));
    const before = tenant();
    for (const fix of fixes) {
      for (const who of [HELPDESK, PLAIN_USER]) {
        const refused = await bot.invoke(fix.verb!, fix.data, { from: who });
        expect(`${fix.title}: ${refused.text ?? cardStrings(refused.card)}`).toMatch(/Only members of Dataverse Access Bot Admins|Ask a member of Dataverse Access Bot Admins/);
      }
    }
    expect(tenant()).toBe(before);
    // Each fix that changes the tenant asks the admin who pressed it to confirm, and only them ("Sync … now" is
    // itself that request: it adds the person at once, as its title says, so it is left out here).
    for (const fix of fixes.filter((f) => f.verb !== 'diagnose.sync')) {
      let offered = await bot.invoke(fix.verb!, fix.data);
      if (fix.verb === 'access.pick-role') {
        const choice = ((offered.card?.actions ?? []) as Button[])[0]!; // a role picker first: its first choice asks for the confirmation
        offered = await bot.invoke(choice.verb!, choice.data);
      }
      const confirmCard = offered.card ?? cardOf(messagesOf(offered.replies)[0]);
      const confirm = ((confirmCard?.actions ?? []) as Button[]).find((a) => a.verb && !/cancel/i.test(a.title));
      expect(`${fix.title}: ${confirm?.title}`).toMatch(/: (Add|Sync|Give|Assign)\b/);
      expect(`${fix.title}: ${(await bot.invoke(confirm!.verb!, confirm!.data, { from: SECOND_ADMIN })).text}`).toMatch(/Only the person who asked for this can confirm it/);
    }
    expect(tenant()).toBe(before);
  });
});
