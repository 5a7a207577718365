import type { Activity } from 'botbuilder';
import type { TenantFixture } from '../../src/sim/model';
import { securityFor } from '../../src/security/guard';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot, type TestUser } from '../helpers/bot-harness';
import { contosoWith, POWERAPPS_PER_USER, withAdmin } from '../sync/helpers/tenant';

const ADMIN: TestUser = { name: 'Nadia Rahman', aadObjectId: 'd659a488-07e2-473b-ba03-cab544e94467' };
const HELPDESK: TestUser = { name: 'Liam Chen', aadObjectId: 'a567fc7c-67cc-4449-b011-e98e61553d63' };
const SECOND_ADMIN: TestUser = { name: 'Omar Farouk', aadObjectId: '9a2d1e0d-abab-429f-bed0-8c2c685e5b65' };
const LICENSING_GROUP = '465cd8f8-8d5d-46a7-b309-8de22975267a';
const LUCAS = '89bd5d8e-5389-48a6-8fdf-d1813b0d3de6';
const UAT = 'ceb11b53-d685-4c77-9a64-37b481898617';

type Action = { title: string; verb: string; data: Record<string, unknown> };
let bot: TestBot;
afterEach(async () => bot.close());

const tenant = (change: (f: TenantFixture) => void = () => undefined): TenantFixture => {
  const fixture = withAdmin(contosoWith(), SECOND_ADMIN.aadObjectId!);
  change(fixture);
  return fixture;
};
const withoutLicensingGroup = (f: TenantFixture) => {
  f.groups = f.groups.filter((g) => g.id !== LICENSING_GROUP);
};
const cards = (activities: Partial<Activity>[]) => messagesOf(activities).map((a) => cardOf(a));
const said = (activities: Partial<Activity>[]) => messagesOf(activities).map((a) => a.text ?? cardStrings(cardOf(a))).join('\n');
const action = (card: Record<string, unknown> | undefined, title: RegExp): Action => {
  const found = ((card?.actions ?? []) as Action[]).find((a) => title.test(a.title));
  if (!found) throw new Error(`no button ${title}`);
  return found;
};
const user = (id: string) => bot.sim.state().usersById.get(id)!;
const free = async () => {
  const sku = (await bot.deps.graph.listSubscribedSkus()).find((s) => s.skuId === POWERAPPS_PER_USER)!;
  return sku.units!.enabled - sku.units!.consumed;
};

describe('licence fixes (Contoso, simulated)', () => {
  it('when a licensing group assigns Power Apps Premium, then the fix adds the person to it, and a sync that waits for the licence is offered', async () => {
    bot = await createTestBot({ fixture: tenant(), from: ADMIN });
    const replies = await bot.send('licence for Lucas in UAT');
    const [confirmCard, others] = cards(replies);
    expect(cardStrings(confirmCard)).toContain('Add Lucas Martin to Power Apps Premium Licensing?');
    expect(cardStrings(confirmCard)).toContain('assigns Power Apps Premium to its members (group-based licensing');
    expect(cardStrings(others)).toMatch(/Assign Power Apps Premium directly \(\d+ free\)/);
    const confirm = action(confirmCard, /Add to Power Apps Premium Licensing/);
    expect((await bot.invoke(confirm.verb, confirm.data, { from: SECOND_ADMIN })).text).toContain('Only the person who asked for this can confirm it.');
    const done = await bot.invoke(confirm.verb, confirm.data);
    expect(bot.sim.state().groupsById.get(LICENSING_GROUP)!.members).toContain(LUCAS);
    expect(cardStrings(done.card)).toContain('Done: Lucas Martin is now a member of Power Apps Premium Licensing.');
    expect(action(done.card, /Sync Lucas Martin to UAT \(waits for the licence\)/).data.text).toBe(`sync ${LUCAS} to ${UAT} wait for licences`);
    const [entry] = (await securityFor(bot.deps).audit.list({ limit: 5 })).filter((r) => r.kind === 'fix');
    expect(entry).toMatchObject({ actorName: 'Nadia Rahman', what: 'licences.group', environment: 'UAT', result: 'ok', summary: 'Add Lucas Martin to the licensing group Power Apps Premium Licensing (Power Apps Premium)' });
  });

  it('when no group assigns a Dataverse licence, then the fix assigns one directly from the SKU with free units and says how many remain', async () => {
    bot = await createTestBot({ fixture: tenant(withoutLicensingGroup), from: ADMIN });
    const before = await free();
    const [confirmCard] = cards(await bot.send('licence for Lucas in UAT'));
    expect(cardStrings(confirmCard)).toContain('Assign Lucas Martin a Power Apps Premium licence?');
    expect(cardStrings(confirmCard)).toContain(`${before} units free, so ${before - 1} remain afterwards`);
    const confirm = action(confirmCard, /Assign Power Apps Premium/);
    const done = await bot.invoke(confirm.verb, confirm.data);
    expect(cardStrings(done.card)).toContain('Done: Lucas Martin has a Power Apps Premium licence.');
    expect(user(LUCAS).licenses).toContainEqual({ skuId: POWERAPPS_PER_USER, disabledPlans: [] });
    expect(await free()).toBe(before - 1);
  });

  it('when the person has no usage location, then no direct assignment is offered, and Graph\'s own refusal comes back in plain words', async () => {
    bot = await createTestBot({ fixture: tenant(withoutLicensingGroup), from: ADMIN });
    expect(said(await bot.send('licence for Fatima'))).toContain("I can't assign one to Fatima Khan directly: Fatima Khan has no usage location");
    const [confirmCard] = cards(await bot.send('licence for Lucas in UAT'));
    user(LUCAS).usageLocation = null;
    const confirm = action(confirmCard, /Assign Power Apps Premium/);
    const refused = await bot.invoke(confirm.verb, confirm.data);
    expect(refused.text ?? cardStrings(refused.card)).toContain("Microsoft Graph refused: Lucas Martin has no usage location, and a licence can't be assigned without one.");
    expect(user(LUCAS).licenses).not.toContainEqual(expect.objectContaining({ skuId: POWERAPPS_PER_USER }));
    const [entry] = (await securityFor(bot.deps).audit.list({ limit: 5 })).filter((r) => r.kind === 'fix');
    expect(entry).toMatchObject({ what: 'licences.assign', result: 'failed', code: 'Request_BadRequest' });
  });

  it('when no unit is free, then the bot says which SKU to buy more of; a unit taken meanwhile comes back as Graph\'s refusal', async () => {
    bot = await createTestBot({ fixture: tenant(withoutLicensingGroup), from: ADMIN });
    const [confirmCard] = cards(await bot.send('licence for Lucas in UAT'));
    for (const sku of bot.sim.state().fixture.skus) if (['POWERAPPS_PER_USER', 'DYN365_ENTERPRISE_SALES'].includes(sku.skuPartNumber)) sku.prepaidUnits = 0;
    const confirm = action(confirmCard, /Assign Power Apps Premium/);
    const refused = await bot.invoke(confirm.verb, confirm.data);
    expect(refused.text ?? cardStrings(refused.card)).toContain('Microsoft Graph refused: every Power Apps Premium licence is in use now.');
    expect(said(await bot.send('licence for Lucas in UAT'))).toContain('No licence with Dataverse access is free: every Power Apps Premium unit is in use. Buy more Power Apps Premium');
  });

  it('when helpdesk asks for a licence, then it is refused (admins only); someone licensed already gets a sentence, not a change', async () => {
    bot = await createTestBot({ fixture: tenant(), from: ADMIN });
    expect(said(await bot.send('licence for Lucas', { from: HELPDESK }))).toMatch(/admin/i);
    expect(said(await bot.send('licence for Jane'))).toContain('Jane Doe already has a licence with full Dataverse access');
  });
});
