import { memoryStore } from '../helpers/stores';
import { createJob, getJob, transitionJob } from '../../src/jobs/job-store';
import { appendMembers, groupByReason, listMembers, recordOutcomes } from '../../src/jobs/member-store';
import { loadResultView } from '../../src/features/sync/result-view';
import { syncResultCard } from '../../src/features/sync/sync-result.card';
import { syncPreviewCard } from '../../src/features/sync/sync-preview.card';
import { syncMembersCard } from '../../src/features/sync/sync-members.card';
import { namesWithMore } from '../../src/features/sync/describe-reason';
import { cardStrings } from '../helpers/bot-harness';
import { cardPayloadBytes, expectValidCard } from '../helpers/card-check';

const REASONS = ['userNotLicensed', 'userNotPartOfSecurityGroup', 'serviceUnavailable', 'throttled', 'someNewCode'];

async function bigJob(members: number) {
  const db = (await memoryStore()).db;
  const id = await createJob(db, {
    kind: 'group', requestedBy: { aadObjectId: 'a', name: 'Omar Farouk' }, conversationKey: 'c',
    environment: { id: 'env', displayName: 'UAT', instanceUrl: 'https://uat/' }, target: 'Everyone in Sales (group)', options: {}, state: 'preview', now: 0,
  });
  await appendMembers(db, id, Array.from({ length: members }, (_, i) => ({
    objectId: `u-${i}`, userPrincipalName: `a.rather.long.user.name.${i}@contoso.onmicrosoft.com`, displayName: `A Rather Long Display Name Number ${i}`,
    prediction: i % 3 === 0 ? 'blocked' : 'ready', predictionReason: i % 3 === 0 ? 'license' : undefined, predictionDetail: i % 3 === 0 ? 'No licence.' : undefined,
  })));
  return { db, id };
}

describe('sync cards stay small and say what matters', () => {
  it('summarises 2,500 members with many failure reasons in a card under 80 KB', async () => {
    const { db, id } = await bigJob(2500);
    await transitionJob(db, id, ['preview'], 'running', { now: 1_000 });
    const rows = await listMembers(db, id, { offset: 0, limit: 5000 });
    await recordOutcomes(db, id, rows.map((m, i) => ({
      seq: m.seq, state: i % 2 === 0 ? 'synced' : 'failed', reason: i % 2 === 0 ? null : REASONS[i % REASONS.length] ?? null, detail: 'x'.repeat(300), attempts: 1,
    })));
    await transitionJob(db, id, ['running'], 'done', { now: 95_000 });
    const view = await loadResultView(db, id);
    if (!view) throw new Error('no view');
    const card = syncResultCard(view);
    expectValidCard(card);
    expect(cardPayloadBytes(card)).toBeLessThan(20 * 1024);
    const text = cardStrings(card.content);
    expect(text).toMatch(/1250 of 2500 synced, 1250 failed in 1 min 34 s/);
    expect(text).toMatch(/No licence with Dataverse \(250\)\nA Rather Long Display Name Number 5, .* and 245 more/);
    expect(text).toMatch(/Power Platform refused the sync \(someNewCode\) \(250\)/); // an unknown inner code still gets words and a fix
    expect((await getJob(db, id))?.totals.visible).toBe(0);
  });

  it('previews 2,500 members under 80 KB with ready/blocked counts', async () => {
    const { db, id } = await bigJob(2500);
    const job = await getJob(db, id);
    if (!job) throw new Error('no job');
    const blocked = await groupByReason(db, id, 'pending', 5, true);
    const withNested = { ...job, options: { ...job.options, nestedGroups: { names: Array.from({ length: 5 }, (_, i) => `Nested ${i}`), total: 40 } } };
    const card = syncPreviewCard({ job: withNested, ready: 1666, blocked, confirmationId: '557d128b-c031-4ca5-864b-ef4774ae6bda' });
    expectValidCard(card);
    expect(cardStrings(card.content)).toMatch(/No licence with Dataverse \(834\)/);
    expect(cardStrings(card.content)).toMatch(/Nested 0, Nested 1, Nested 2, Nested 3, Nested 4 and 35 more/);
    const page = syncMembersCard(job, await listMembers(db, id, { offset: 0, limit: 25 }), 1);
    expectValidCard(page);
    expect(cardStrings(page.content)).toMatch(/page 1 of 100/);
  });

  it.each([
    [[], 0, ''],
    [['Ann'], 1, 'Ann'],
    [['Ann', 'Bob'], 2, 'Ann and Bob'],
    [['Ann', 'Bob', 'Cy'], 3, 'Ann, Bob and Cy'],
    [['Ann', 'Bob'], 14, 'Ann, Bob and 12 more'],
  ])('namesWithMore(%j, %i) = %p', (names, total, expected) => {
    expect(namesWithMore(names, total)).toBe(expected);
  });
});
