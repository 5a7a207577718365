import { addUserReason, type AddUserReason } from '../../src/domain/access/add-user-reasons';
import type { MemberRow } from '../../src/jobs/job-types';
import { cardOf, cardStrings, createTestBot, messagesOf, type TestBot } from '../helpers/bot-harness';
import { expectValidCard } from '../helpers/card-check';
import { buttonData, confirmAndWait, preview } from './helpers/run-group-sync';
import { graphRequestsForSync } from './helpers/sim-stats';
import { contosoWith, demoAdmin, SECOND_ADMIN, uatReadyGroup, withAdmin } from './helpers/tenant';

/** The prediction's check id and the addUser inner code must tell the same story. */
const SAME_STORY: Record<string, AddUserReason[]> = {
  license: ['not-licensed'],
  'security-group': ['not-in-security-group'],
  'security-group+license': ['not-in-security-group'],
  'entra-account': ['user-disabled', 'user-not-found', 'user-deleted'],
  environment: ['no-dataverse', 'environment-disabled', 'environment-not-found'],
};

export function expectPredictionsHeld(members: MemberRow[]): void {
  const disagreements = members.filter((m) =>
    m.prediction === 'ready'
      ? m.state !== 'synced'
      : m.state !== 'failed' || !(SAME_STORY[m.predictionReason ?? ''] ?? []).includes(addUserReason(m.reason ?? '').reason),
  );
  expect(disagreements.map((m) => `${m.displayName}: predicted ${m.prediction}/${m.predictionReason}, got ${m.state}/${m.reason}`)).toEqual([]);
}

describe('group sync against the simulated tenant', () => {
  let bot: TestBot;
  beforeAll(async () => {
    const fixture = contosoWith(uatReadyGroup(1500));
    bot = await createTestBot({ fixture: withAdmin(fixture, SECOND_ADMIN.aadObjectId), from: demoAdmin(fixture), env: { RATE_LIMIT_BURST: '100' } });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('when the group has 1,500 members, then pages are streamed, predictions hold for every member, and Graph stays within budget', async () => {
    const before = graphRequestsForSync(bot.sim);
    const card = await preview(bot, 'sync UAT Testers to UAT');
    const graphForPreview = graphRequestsForSync(bot.sim) - before;
    const sgSize = 19 + 1500;
    expect(graphForPreview).toBeLessThanOrEqual(Math.ceil(1500 / 999) + Math.ceil(sgSize / 999) + 6);
    expectValidCard(card);
    expect(cardStrings(card)).toMatch(/1500 members/);
    expect(cardStrings(card)).toMatch(/Ready\n1350/);

    const { job, members, result } = await confirmAndWait(bot, card, 'Sync all anyway');
    expect(job.totals).toMatchObject({ members: 1500, synced: 1350, failed: 150, skipped: 0, pending: 0, visible: 1350 });
    expectPredictionsHeld(members);
    expect(graphRequestsForSync(bot.sim) - before).toBe(graphForPreview);
    expectValidCard(result);
    expect(cardStrings(result)).toMatch(/No licence with Dataverse \(150\)\n.* and 145 more/);

    const shown = await bot.invoke('sync.show-all', buttonData(result, 'Show all'));
    const list = cardOf(messagesOf(shown.replies)[0]);
    expectValidCard(list as Record<string, unknown>);
    expect(cardStrings(list)).toMatch(/page 1 of 60/);
    const next = await bot.invoke('sync.members-page', buttonData(list, 'Next'));
    expect(cardStrings(next.card)).toMatch(/page 2 of 60/);
  });

  it('when nested groups are not asked for, then they are listed and left out; when asked, nested-only members are predicted and refused alike', async () => {
    const direct = await preview(bot, 'sync UAT Access to UAT');
    expect(cardStrings(direct)).toMatch(/Nested groups not included: (Financial Coordinators and Finance Interns|Finance Interns and Financial Coordinators)/);
    const directCount = Number(/(\d+) members/.exec(cardStrings(direct))?.[1]);
    await bot.invoke('sync.cancel', buttonData(direct, 'Cancel'));

    const nested = await preview(bot, 'sync UAT Access to UAT including nested groups');
    expect(cardStrings(nested)).toMatch(/Members of nested groups are included/);
    const { job, members } = await confirmAndWait(bot, nested, 'Sync all anyway');
    expect(job.totals.members).toBeGreaterThan(directCount);
    expectPredictionsHeld(members);
  });

  it('when "Sync the 3 ready" is chosen, then blocked members are skipped with their reason and never sent to addUser', async () => {
    const card = await preview(bot, 'sync Financial Coordinators to UAT');
    const addsBefore = bot.sim.stats().requests.bap;
    const { job, members, result } = await confirmAndWait(bot, card, 'Sync the 3 ready');
    expect(job.totals).toMatchObject({ members: 5, synced: 3, failed: 0, skipped: 2 });
    expect(members.filter((m) => m.state === 'skipped').map((m) => m.reason)).toEqual(['license', 'license']);
    expect(bot.sim.stats().requests.bap - addsBefore).toBeLessThanOrEqual(3 + 1);
    expect(cardStrings(result)).toMatch(/Skipped: No licence with Dataverse \(2\)/);
    expect(cardStrings(result)).not.toMatch(/Retry/); // skipped, not failed: nothing a retry could do
  });

  it('when another admin clicks the preview, or it is cancelled, then nothing is synced', async () => {
    const card = await preview(bot, 'sync Financial Coordinators to UAT');
    const stranger = await bot.invoke('sync.confirm', buttonData(card, 'Sync all anyway'), { from: SECOND_ADMIN });
    expect(stranger.text ?? '').toMatch(/Only the person who asked/);
    const cancelled = await bot.invoke('sync.cancel', buttonData(card, 'Cancel'));
    expect(cardStrings(cancelled.card)).toMatch(/Cancelled by .*Nothing was synced/);
    const late = await bot.invoke('sync.confirm', buttonData(card, 'Sync all anyway'));
    expect(late.text).toMatch(/already confirmed or cancelled/);
  });
});
