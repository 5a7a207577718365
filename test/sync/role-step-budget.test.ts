import { createTestBot, type TestBot } from '../helpers/bot-harness';
import { confirmAndWait, preview, SYNC_EVERYONE } from './helpers/run-group-sync';
import { contosoWith, uatReadyGroup } from './helpers/tenant';

const N = 1_100;

/** Issue 13 "Fast": the role step of a 1,000+ member sync uses $batch, never one request per member. */
describe('the role step of a sync with a role, at scale', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ fixture: contosoWith(uatReadyGroup(N, { unlicensedShare: 0 })), env: { RATE_LIMIT_BURST: '100', SYNC_CONFIRM_VISIBILITY_SECONDS: '10' } });
  }, 60_000);
  afterAll(async () => bot.close());

  it(`when ${N.toLocaleString('en-US')} members are synced as Finance Clerk, then the role step sends at most ceil(N / 1,000) × 2 + 4 Dataverse requests: one read of the role's copies and ${Math.ceil(N / 1000)} $batch requests`, async () => {
    const card = await preview(bot, 'sync UAT Testers to UAT as Finance Clerk');
    const before = { ...bot.sim.stats().routes.dataverse };
    const { job, members } = await confirmAndWait(bot, card, SYNC_EVERYONE);
    const after = bot.sim.stats().routes.dataverse;
    const sent = (match: RegExp) => Object.entries(after).filter(([route]) => match.test(route)).reduce((n, [route, count]) => n + count - (before[route] ?? 0), 0);
    expect(job.totals.synced).toBe(N);
    expect(members.every((m) => m.role?.state === 'assigned')).toBe(true);
    const batches = sent(/^POST .*\$batch$/);
    const roleReads = sent(/^GET .*\/roles$/);
    expect(batches).toBe(Math.ceil(N / 1000));
    expect(roleReads).toBe(1);
    expect(batches + roleReads).toBeLessThanOrEqual(Math.ceil(N / 1000) * 2 + 4);
    // nothing was written one member at a time
    expect(sent(/systemuserroles_association\/\$ref$/)).toBe(0);
    const uat = bot.sim.state().environmentsByOrg.get('contosouat')!.dataverse!;
    const clerk = uat.roles.find((r) => r.name === 'Finance Clerk' && !r.parentRootRoleId)!.id;
    expect(uat.systemUsers.filter((u) => u.roleIds.includes(clerk))).toHaveLength(N);
  }, 180_000);
});
