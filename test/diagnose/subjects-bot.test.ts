import { asShown } from '../helpers/card-check';
import type { Activity } from 'botbuilder';
import { formatWhen } from '../../src/app/text';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';

/**
 * Everyone the seeds talk about, in chat against the simulated Contoso tenant: a deleted account (§13),
 * applications with and without a role (§14), and a licence whose Dataverse plan is off (§5.2).
 */
const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
const BEN = '8c6a2038-90f6-4fb8-9f31-271fe3b7b670';
const HUB_APP_ID = '3129154c-9103-464a-b3ce-5aa3ad527e10';
const PAYROLL_APP_ID = 'd2536bba-5e35-4be7-a496-32236aa728e8';
const UAT = 'ceb11b53-d685-4c77-9a64-37b481898617';
const DAY = 86_400_000;

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ from: HELPDESK });
});
afterAll(async () => bot.close());

const cardIn = (activities: Partial<Activity>[]) => cardOf(messagesOf(activities)[0]);
const textIn = (activities: Partial<Activity>[]) => messagesOf(activities).map((a) => a.text ?? '').join('\n');
const buttons = (card: Record<string, unknown> | undefined) => ((card?.actions ?? []) as { title: string; data: Record<string, unknown> }[]);

describe('a deleted account (§13)', () => {
  it('when helpdesk asks about Ben by his old address, then the card says when it was deleted, until when it can be restored and what UAT keeps, with no other person suggested', async () => {
    const deleted = await bot.deps.graph.getDeletedUser(BEN);
    const deletedAt = Date.parse(deleted?.deletedDateTime ?? '');
    expect(Math.abs(Date.now() - 10 * DAY - deletedAt)).toBeLessThan(5 * 60_000);
    const replies = await bot.send("why can't ben.carter@contoso.com access UAT?");
    const card = cardIn(replies);
    const text = cardStrings(card);
    expect(text).toContain('Blocked');
    expect(text).toContain('Ben Carter (ben.carter@contoso.com), deleted account, in UAT');
    expect(text).toContain(`was deleted on ${formatWhen(deletedAt)}`);
    expect(text).toContain(`it can be restored, with its licences and group memberships, until ${formatWhen(deletedAt + 30 * DAY)} (20 days left)`);
    expect(text).toContain("UAT keeps Ben's row, disabled (azurestate 1: soft-deleted in Entra ID)");
    expect(text).not.toMatch(/Did you mean|couldn't find anyone/);
    expect(buttons(card).map((b) => b.title)).toEqual(['Re-check']);
  });

  it('when Re-check is pressed, then the deleted account is found again by its object id', async () => {
    const again = await bot.invoke('diagnose.check', { user: BEN, environment: UAT });
    expect(cardStrings(again.card)).toContain('deleted account, in UAT');
  });

  it('when the account was deleted more than 30 days ago and Entra already purged it, then the bot says it looked among deleted accounts too', async () => {
    const text = textIn(await bot.send("why can't Grace Liu access UAT"));
    expect(text).toContain('I couldn\'t find anyone called "Grace Liu": no person, no application and no deleted account (Entra keeps deleted accounts for 30 days).');
  });

  it('when Entra still lists an account deleted more than 30 days ago (the purge has started), then the card says it can no longer be restored', async () => {
    bot.sim.setConfig({ unverified: { deletedUserRetentionDays: 60 } });
    try {
      const text = cardStrings(cardIn(await bot.send("why can't Grace Liu access UAT")));
      expect(text).toContain('more than 30 days ago: the restore window closed on');
      expect(text).toContain("can't be restored");
      expect(text).toContain('azurestate 2: not found or permanently deleted in Entra ID');
    } finally {
      bot.sim.setConfig({ unverified: { deletedUserRetentionDays: 30 } });
    }
  });
});

describe('applications (§14)', () => {
  it('when asked about an application with a role, then the card says it is an application, runs no licence or group checks and offers no sync', async () => {
    const card = cardIn(await bot.send('check Integration Hub in UAT'));
    const text = cardStrings(card);
    expect(text).toContain('Can access');
    expect(text).toContain(`Integration Hub, an application (app id ${HUB_APP_ID}), in UAT`);
    expect(text).toContain('is an application, not a person');
    expect(text).toContain('Not needed for applications: an application user needs no licence');
    expect(text).toContain('Not needed for applications: application users work in UAT without being members of its security group');
    expect(text).toContain('access mode Non-interactive: API calls only');
    expect(text).toContain('Application (service principal), not a person');
    expect(buttons(card)).toEqual([expect.objectContaining({ title: 'Re-check', data: expect.objectContaining({ user: HUB_APP_ID, environment: UAT }) })]);
  });

  it('when asked about an application without a role, by its application (client) id, then it is blocked by the security role, with the fix', async () => {
    const text = cardStrings(cardIn(await bot.send(`why can't ${PAYROLL_APP_ID} access UAT`)));
    expect(text).toContain('Blocked');
    expect(text).toContain("Payroll Connector's application user has no security role in UAT");
    expect(text).toContain('Edit security roles');
  });

  it('when a name matches a person and an application, then a choice card lists both, and picking the application diagnoses it', async () => {
    const card = cardIn(await bot.send('check Integration in UAT'));
    const text = cardStrings(card);
    expect(text).toContain('Several people and applications match "Integration". Which one?');
    expect(text).toContain('Integration Service (svc-integration@contoso.com)');
    expect(text).toContain(`Integration Hub (application, app id ${HUB_APP_ID})`);
    const picked = await bot.invoke('diagnose.check', { user: HUB_APP_ID, environment: 'UAT' });
    expect(cardStrings(picked.card)).toContain('is an application, not a person');
  });

  it('when asked where an application works, then every environment is listed with its verdict', async () => {
    const text = asShown(cardStrings(cardIn(await bot.send('check Payroll Connector everywhere'))));
    expect(text).toMatch(/Payroll Connector \(application, app id d2536bba-5e35-4be7-a496-32236aa728e8\): works in \d+ of 11 environments(; \d+ I couldn't check)?\./);
  });
});

describe('a licence whose Dataverse plan is turned off (§5.2)', () => {
  it('when Noah has Power Apps Premium with DYN365_CDS_P2 off, then the licence check warns, names the plan and says Microsoft publishes no exact list', async () => {
    const text = cardStrings(cardIn(await bot.send("why can't Noah access UAT")));
    expect(text).toContain('⚠️ **Licence**');
    expect(text).toContain('Power Apps Premium counts for Noah only through its app plan POWERAPPS_PER_USER: its Dataverse plan DYN365_CDS_P2 is turned off');
    expect(text).toContain('Microsoft publishes no exact list of the service plans Dataverse accepts');
    expect(text).not.toContain('gives Noah full Dataverse access');
  });
});
