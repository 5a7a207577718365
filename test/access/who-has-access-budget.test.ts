import { accessReport } from '../../src/features/access/who-has-access';
import type { DataverseEnvironment } from '../../src/features/roles/shared/find-target';
import { createTestBot, type TestBot } from '../helpers/bot-harness';
import { contosoWithBenchGroup, withUatRows } from '../../bench/lib/tenant-fixture';

/** Issue 13 "who has access": at most ceil(M / 999) + 2 Graph requests and ceil(U / 5,000) + 2 Dataverse requests. */
const GENERATED = 6_000;
const IN_DATAVERSE = 5_500;

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ fixture: withUatRows(contosoWithBenchGroup(GENERATED), IN_DATAVERSE) });
}, 60_000);
afterAll(async () => bot.close());

it(`when UAT Access has ${GENERATED.toLocaleString('en-US')} more members and UAT ${IN_DATAVERSE.toLocaleString('en-US')} more users, then the report reads them in pages within the bound`, async () => {
  const env = (await bot.deps.powerPlatform.listEnvironments()).find((e) => e.displayName === 'UAT') as DataverseEnvironment;
  const members = bot.sim.state().groupsById.get(env.dataverse.securityGroupId!.toLowerCase())!.members.length;
  const rows = bot.sim.state().environmentsByOrg.get('contosouat')!.dataverse!.systemUsers.length;
  const before = bot.sim.stats().requests;
  const report = await accessReport(bot.deps, env);
  const after = bot.sim.stats().requests;
  expect(after.graph - before.graph).toBeLessThanOrEqual(Math.ceil(members / 999) + 2);
  expect(after.dataverse - before.dataverse).toBeLessThanOrEqual(Math.ceil(rows / 5000) + 2);
  expect(after.dataverse - before.dataverse).toBeGreaterThanOrEqual(Math.ceil(rows / 5000));
  expect(report.notYet).toHaveLength(GENERATED - IN_DATAVERSE + 13);
  expect(report.withoutRole).toHaveLength(IN_DATAVERSE / 10);
  expect(report.withRole.length).toBe(IN_DATAVERSE - IN_DATAVERSE / 10 + 5);
}, 60_000);
