import { syncRuntimeFor } from '../../src/features/sync';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { buttonData, confirmAndWait, lastUpdatedCard, preview, SYNC_EVERYONE } from './helpers/run-group-sync';
import { contosoWith } from './helpers/tenant';

/** The role routes of the simulator's stats (GET roles…, POST $batch) since `before`. */
function dataverseRoutes(bot: TestBot): Record<string, number> {
  return { ...bot.sim.stats().routes.dataverse };
}
const delta = (after: Record<string, number>, before: Record<string, number>, match: RegExp) =>
  Object.entries(after).filter(([route]) => match.test(route)).reduce((n, [route, count]) => n + count - (before[route] ?? 0), 0);

describe('sync with a role and a business unit (Contoso, simulated)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await createTestBot({ fixture: contosoWith(), env: { RATE_LIMIT_BURST: '100', SYNC_CONFIRM_VISIBILITY_SECONDS: '5' } });
  });
  afterEach(async () => {
    await syncRuntimeFor(bot.deps).idle();
    await bot.close();
  });

  const uat = () => bot.sim.state().environmentsByOrg.get('contosouat')!.dataverse!;
  const unitId = (name: string) => uat().businessUnits.find((b) => b.name === name)!.id;
  const roleId = (name: string, unit = 'contosouat') => uat().roles.find((r) => r.name === name && r.businessUnitId === unitId(unit))!.id;
  const rowOfObject = (objectId: string) => uat().systemUsers.find((u) => u.azureObjectId === objectId);
  const userId = (upn: string) => bot.sim.state().fixture.users.find((u) => u.userPrincipalName === upn)!.id;

  it('when the seed\'s group is synced with a role, then members who fail addUser get no role step, the one who has it is left alone, and the others get it in one $batch', async () => {
    // Avery is already in UAT with Finance Clerk (she signed in earlier)
    const avery = userId('avery.brooks@contoso.com');
    uat().systemUsers.push({
      systemUserId: '0f1e2d3c-4b5a-4987-8654-3210fedcba98', azureObjectId: avery, domainName: 'avery.brooks@contoso.com', fullName: 'Avery Brooks',
      isDisabled: false, accessMode: 0, isLicensed: true, businessUnitId: unitId('contosouat'), roleIds: [roleId('Finance Clerk')],
    });
    const card = await preview(bot, 'sync Financial Coordinators to UAT with role Finance Clerk');
    const text = cardStrings(card);
    expect(text).toContain('Role\nFinance Clerk: given to each member once in UAT (the copy of their business unit)');
    expect(text).toContain('Financial Coordinator Team gives Finance Coordinator to all 5 members once they are synced and sign in');

    const before = dataverseRoutes(bot);
    const { job, members, result } = await confirmAndWait(bot, card, SYNC_EVERYONE);
    const after = dataverseRoutes(bot);
    expect(job.options.role).toEqual({ rootRoleId: roleId('Finance Clerk'), name: 'Finance Clerk' });
    const failed = members.filter((m) => m.state === 'failed');
    const synced = members.filter((m) => m.state === 'synced');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((m) => m.role === null)).toBe(true);
    expect(synced.find((m) => m.objectId === avery)?.role).toEqual({ state: 'held', detail: null });
    expect(synced.filter((m) => m.objectId !== avery).map((m) => m.role?.state)).toEqual(synced.filter((m) => m.objectId !== avery).map(() => 'assigned'));
    for (const member of synced) expect(rowOfObject(member.objectId)?.roleIds).toContain(roleId('Finance Clerk'));
    // the role step: the role's copies with their holders (one read), then one $batch for everyone
    expect(delta(after, before, /^POST .*\$batch$/)).toBe(1);
    expect(delta(after, before, /^GET .*\/roles$/)).toBe(1);
    const resultText = cardStrings(result);
    expect(resultText).toContain(`Role Finance Clerk\n${synced.length - 1} given, 1 had it already`);
    expect(cardStrings(lastUpdatedCard(bot))).not.toContain('Synced, but');
  });

  it('when people are synced into a business unit with a role, then they are moved first and get that unit\'s copy', async () => {
    const replies = await bot.send('sync Avery Brooks and Samir Haddad to UAT as Finance Clerk in business unit Finance');
    const confirm = cardOf(messagesOf(replies)[0]);
    // a sync that changes roles asks first, and says what it will change
    expect(cardStrings(confirm)).toContain('Sync Avery Brooks and Samir Haddad to UAT as Finance Clerk?');
    expect(cardStrings(confirm)).toContain('Confirming adds 2 people to UAT and gives each of them the Finance Clerk role in business unit Finance once Dataverse shows them; nothing happens until then.');
    expect(rowOfObject(userId('samir.haddad@contoso.com'))).toBeUndefined();
    await confirmAndWait(bot, confirm!, 'Sync now');
    for (const upn of ['avery.brooks@contoso.com', 'samir.haddad@contoso.com']) {
      expect(rowOfObject(userId(upn))).toMatchObject({ businessUnitId: unitId('Finance'), roleIds: [roleId('Finance Clerk', 'Finance')] });
    }
    expect(cardStrings(lastUpdatedCard(bot))).toContain('Role Finance Clerk\n2 given');
  });

  it('when the role or the business unit matches nothing, then no job starts and the answer suggests the near names', async () => {
    const replies = await bot.send('sync Avery Brooks to UAT as Finanse Clerk');
    expect(cardStrings(cardOf(messagesOf(replies)[0]))).toContain('UAT has no security role called "Finanse Clerk". Did you mean:');
    const buttons = ((cardOf(messagesOf(replies)[0])?.actions ?? []) as { data: { text: string } }[]).map((a) => a.data.text);
    expect(buttons).toContain('sync Avery Brooks to ceb11b53-d685-4c77-9a64-37b481898617 as Finance Clerk');
    expect(messagesOf(await bot.send('sync Avery Brooks to UAT in business unit Marketing')).map((a) => cardStrings(cardOf(a)) || a.text).join(' ')).toContain('UAT has no business unit called "Marketing"');
  });

  it('when the bot may not assign roles in the environment, then each synced member says so with the privilege and the sync itself still counts', async () => {
    await confirmAndWait(bot, cardOf(messagesOf(await bot.send('sync Avery Brooks to UAT Finance as Environment Maker'))[0])!, 'Sync now');
    const result = cardStrings(lastUpdatedCard(bot));
    expect(result).toContain('Role Environment Maker\n0 given, 1 failed');
    expect(result).toContain('Synced, but: No Environment Maker role (1)');
    expect(result).toContain("lacks the privilege to assign security roles (prvAssignRole)");
  });

  it('when members of a sync with a role failed for a reason a retry fixes, then "Retry failed" syncs them with the role too', async () => {
    const retrying = await createTestBot({ fixture: contosoWith(), env: { RATE_LIMIT_BURST: '100', SYNC_CONFIRM_VISIBILITY_SECONDS: '5', SYNC_MAX_RETRIES: '0' } });
    try {
      const uatOf = () => retrying.sim.state().environmentsByOrg.get('contosouat')!.dataverse!;
      const samir = retrying.sim.state().fixture.users.find((u) => u.userPrincipalName === 'samir.haddad@contoso.com')!.id;
      const confirm = cardOf(messagesOf(await retrying.send('sync Samir Haddad to UAT as Finance Clerk'))[0])!;
      retrying.sim.setConfig({ bap: { random503Rate: 1 } }); // the admin service stops answering addUser
      const failed = await confirmAndWait(retrying, confirm, 'Sync now');
      retrying.sim.setConfig({ bap: { random503Rate: 0 } });
      expect(failed.job.totals.failed).toBe(1);
      await retrying.invoke('sync.retry-failed', buttonData(failed.result, 'Retry failed'));
      await syncRuntimeFor(retrying.deps).idle();
      const row = uatOf().systemUsers.find((u) => u.azureObjectId === samir)!;
      const financeClerk = uatOf().roles.find((r) => r.name === 'Finance Clerk' && r.businessUnitId === row.businessUnitId)!.id;
      expect(row.roleIds).toContain(financeClerk);
    } finally {
      await syncRuntimeFor(retrying.deps).idle();
      await retrying.close();
    }
  });
});
