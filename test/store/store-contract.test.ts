/**
 * One store suite, run against SQLite and PostgreSQL: the repositories must behave the same on both.
 * On PostgreSQL, "two instances" are two stores (two connection pools) on one database.
 */
import { cancelConfirmation, issueConfirmation, redeemConfirmation } from '../../src/app/confirmations';
import { expireStalePreviews } from '../../src/features/sync/expire-previews';
import { CONFIRM_KIND } from '../../src/features/sync/prepare-preview';
import { addWatch, listWatches, recordCheck, removeWatch } from '../../src/features/watch/watch-store';
import { subscribe, subscribedConversations, unsubscribe } from '../../src/features/notify/subscriptions';
import { createJob, getJob, listJobs, markNotified, transitionJob, unfinishedJobIds } from '../../src/jobs/job-store';
import { appendMembers, claimPending, copyFailedMembers, findMember, groupByReason, listMembers, recordOutcomes, resetRunning, skipBlocked } from '../../src/jobs/member-store';
import { createAuditLog } from '../../src/security/audit-log';
import { createRateLimiter } from '../../src/security/rate-limit';
import { createConversationStore } from '../../src/store/conversation-store';
import type { Store } from '../../src/store/db';
import { storedBuckets } from '../../src/store/rate-buckets';
import type { Db } from '../../src/store/schema';
import { BACKENDS, newPostgresDatabase, postgresStore } from '../helpers/stores';

const newJob = (db: Db, now = 1_000) => createJob(db, {
  kind: 'group', requestedBy: { aadObjectId: 'a-1', name: 'Ada Admin' }, conversationKey: 'c-1',
  environment: { id: 'env-uat', displayName: 'UAT', instanceUrl: 'https://uat.example/' }, target: 'Testers (group)', options: { waitForLicences: true }, state: 'preview', now,
});
const people = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({
  objectId: `USER-${String(from + i).padStart(4, '0')}`, userPrincipalName: `u${from + i}@contoso.com`, displayName: `User ${from + i}`,
  prediction: (from + i) % 4 === 0 ? 'blocked' as const : 'ready' as const, predictionReason: (from + i) % 4 === 0 ? 'license' : undefined,
}));

describe.each(BACKENDS)('the store on %s', (kind, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });

  it('reports its kind, health and that it can take a write', async () => {
    expect(store.kind).toBe(kind);
    expect(await store.health()).toMatchObject({ ok: true, schemaVersion: expect.any(Number) });
    await expect(store.checkWritable()).resolves.toBeUndefined();
  });

  it('keeps a job and its members: ids lower-cased once each, claimed in order, outcomes counted, failed ones copied for a retry', async () => {
    const { db } = store;
    const id = await newJob(db);
    expect(await appendMembers(db, id, [...people(600), ...people(2)])).toBe(600); // duplicates in the page are ignored
    expect(await appendMembers(db, id, people(10, 595))).toBe(5);
    expect((await getJob(db, id))?.totals).toMatchObject({ members: 605, pending: 605 });
    expect(await transitionJob(db, id, ['preview'], 'queued', { now: 2_000 })).toBe(true);
    expect(await transitionJob(db, id, ['preview'], 'queued', { now: 2_000 })).toBe(false); // a double click runs once
    expect(await unfinishedJobIds(db)).toContain(id);
    expect(await transitionJob(db, id, ['queued'], 'running', { now: 3_000 })).toBe(true);
    const claimed = await claimPending(db, id, 0, 500);
    expect(claimed.map((m) => m.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(claimed[0]?.objectId).toBe('user-0000');
    await recordOutcomes(db, id, claimed.map((m) => ({ seq: m.seq, state: m.seq % 10 === 0 ? 'failed' : 'synced', reason: m.seq % 10 === 0 ? 'userNotLicensed' : null, detail: m.seq % 10 === 0 ? "It's \"quoted\"" : null, attempts: 2 })));
    expect(await resetRunning(db, id)).toBe(0);
    const rest = await claimPending(db, id, 500, 500);
    expect(rest).toHaveLength(105);
    expect(await resetRunning(db, id)).toBe(105); // a crash leaves them running; resume re-queues them
    expect((await getJob(db, id))?.totals).toMatchObject({ members: 605, synced: 450, failed: 50, pending: 105, visible: 0 });
    expect(await groupByReason(db, id, 'failed', 2)).toEqual([{ reason: 'userNotLicensed', count: 50, names: ['User 9', 'User 19'], detail: "It's \"quoted\"" }]);
    expect((await findMember(db, id, (m) => m.displayName === 'User 599'))?.seq).toBe(600);
    expect((await listMembers(db, id, { state: 'failed', offset: 1, limit: 1 }))[0]).toMatchObject({ displayName: 'User 19', attempts: 2, reason: 'userNotLicensed' });
    expect(await transitionJob(db, id, ['running'], 'done', { now: 9_000 })).toBe(true);
    expect(await getJob(db, id)).toMatchObject({ state: 'done', startedAt: 3_000, finishedAt: 9_000, options: { waitForLicences: true } });

    const retry = await newJob(db);
    expect(await db.transaction().execute((trx) => copyFailedMembers(trx, id, retry))).toBe(50);
    expect(await copyFailedMembers(db, id, retry)).toBe(0);
    await transitionJob(db, retry, ['preview'], 'queued', { now: 9_500 });
    expect((await listJobs(db, 50)).find((j) => j.id === retry)?.totals.members).toBe(50); // the stored count, as history shows it
    expect(await skipBlocked(db, retry)).toBe(0); // copied members carry no prediction
    expect(await markNotified(db, id, 10_000)).toBe(true);
    expect(await markNotified(db, id, 10_001)).toBe(false); // a notification is sent once
  });

  it('skips members predicted as blocked with their predicted reason (Sync ready only)', async () => {
    const { db } = store;
    const id = await newJob(db);
    await appendMembers(db, id, people(8));
    expect(await skipBlocked(db, id)).toBe(2);
    expect(await groupByReason(db, id, 'skipped', 5)).toMatchObject([{ reason: 'license', count: 2, names: ['User 0', 'User 4'] }]);
  });

  it('redeems a confirmation once, for its owner, before it expires, and expires previews nobody confirmed', async () => {
    const { db } = store;
    const base = { kind: 'diagnose.add-to-group', userId: 'admin-1', ttlMs: 60_000, now: 1_000_000 };
    const id = await issueConfirmation(db, { ...base, payload: { groupId: 'g1' } });
    await expect(redeemConfirmation(db, { id, kind: base.kind, userId: 'intruder', now: 1_001_000 })).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect(await redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_002_000 })).toEqual({ groupId: 'g1' });
    await expect(redeemConfirmation(db, { id, kind: base.kind, userId: 'admin-1', now: 1_003_000 })).rejects.toMatchObject({ code: 'confirm.used' });
    const other = await issueConfirmation(db, { ...base, payload: 1 });
    expect(await cancelConfirmation(db, { id: other, userId: 'admin-1', now: 1_001_000 })).toBe(true);

    const preview = await newJob(db, 5_000_000);
    await issueConfirmation(db, { kind: CONFIRM_KIND, userId: 'admin-1', payload: { jobId: preview }, ttlMs: 60_000, now: 5_000_000 });
    const deps = { db, config: { confirmationTtlMinutes: 1 }, now: () => 5_030_000, notifier: { updateCard: async () => undefined }, log: { info: () => undefined, warn: () => undefined } };
    expect(await expireStalePreviews(deps as never)).toBe(0);
    expect(await expireStalePreviews({ ...deps, now: () => 5_070_000 } as never)).toBe(1);
    expect((await getJob(db, preview))?.state).toBe('cancelled');
  });

  it('keeps the audit trail append-only and filters it by person, environment and time in any case', async () => {
    let now = 1;
    const audit = createAuditLog(store.db, { now: () => now, scrub: (t) => t });
    await audit.record({ actor: { aadObjectId: 'AA-1', name: 'Ada Admin' }, kind: 'command', what: 'sync', summary: 'sync x', environment: 'Production', result: 'ok' });
    now = 2;
    await audit.record({ actor: { name: 'Hal 100%' }, kind: 'refusal', what: 'sync', summary: 'sync y', result: 'refused', code: 'limit.rate' });
    expect((await audit.list({ user: 'ada' })).map((e) => e.actorName)).toEqual(['Ada Admin']);
    expect((await audit.list({ user: 'aa-1' })).map((e) => e.actorName)).toEqual(['Ada Admin']);
    expect((await audit.list({ user: '100%' })).map((e) => e.actorName)).toEqual(['Hal 100%']);
    expect(await audit.list({ user: '_' })).toHaveLength(0); // LIKE wildcards are literal
    expect(await audit.list({ environment: 'PROD' })).toHaveLength(1);
    expect((await audit.list({ since: 2 })).map((e) => e.actorName)).toEqual(['Hal 100%']);
    await expect(store.db.updateTable('audit_log').set({ result: 'ok' }).execute()).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    await expect(store.db.deleteFrom('audit_log').execute()).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
  });

  it('keeps conversations, subscriptions and watches', async () => {
    const { db } = store;
    const conversations = createConversationStore(db);
    await conversations.save({ conversationKey: 'c1', reference: { a: 1 } }, 1);
    await conversations.markBlocked('c1', 2);
    await conversations.save({ conversationKey: 'c1', reference: { a: 2 }, tenantId: 't' }, 3);
    expect(await conversations.get('c1')).toEqual({ conversationKey: 'c1', reference: { a: 2 }, tenantId: 't', conversationType: null, lastSeenAt: 3, blockedAt: null });
    expect(await subscribe(db, 'c1', { aadObjectId: null, name: 'Ada' }, 1)).toBe(true);
    expect(await subscribe(db, 'c1', { aadObjectId: null, name: 'Ada' }, 2)).toBe(false);
    expect(await subscribedConversations(db)).toEqual(['c1']);
    expect(await unsubscribe(db, 'c1')).toBe(true);
    const watch = { group: { id: 'g', displayName: 'G' }, environment: { id: 'e', displayName: 'E', instanceUrl: null }, conversationKey: 'c1', createdBy: { aadObjectId: null, name: 'Ada' }, deltaLink: 'd0', createdAt: 1 };
    expect(await addWatch(db, watch)).toBe(true);
    expect(await addWatch(db, watch)).toBe(false);
    const [stored] = await listWatches(db);
    await recordCheck(db, stored?.id ?? 0, 5, { error: 'Graph said no' });
    await recordCheck(db, stored?.id ?? 0, 6, { deltaLink: 'd1' });
    expect(await listWatches(db)).toMatchObject([{ deltaLink: 'd1', lastCheckedAt: 6, lastError: null }]);
    expect(await removeWatch(db, stored?.id ?? 0)).toBe(true);
  });
});

describe('two instances on one PostgreSQL database', () => {
  let url: string;
  let first: Store;
  let second: Store;
  beforeAll(async () => {
    url = await newPostgresDatabase();
    [first, second] = await Promise.all([postgresStore(url), postgresStore(url)]); // both migrate at once: the advisory lock lets one do it
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it('when the same confirmation is clicked on both at once, then exactly one of them gets it', async () => {
    for (let round = 0; round < 10; round += 1) {
      const id = await issueConfirmation(first.db, { kind: 'sync.group', userId: 'admin-1', payload: { round }, ttlMs: 60_000, now: 1_000 });
      const results = await Promise.allSettled([first, second, first, second].map((s) => redeemConfirmation(s.db, { id, kind: 'sync.group', userId: 'admin-1', now: 2_000 })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    }
  });

  it("when one caller's expensive requests land on both, then they draw from one bucket", async () => {
    const settings = { burst: 10, perMinute: 1 };
    const limiters = [first, second].map((s) => createRateLimiter(settings, () => 1_000, storedBuckets(s.db)));
    const decisions = await Promise.all(Array.from({ length: 30 }, (_, i) => limiters[i % 2]?.take('ada') as Promise<{ ok: boolean }>));
    expect(decisions.filter((d) => d.ok)).toHaveLength(10);
  });
});
