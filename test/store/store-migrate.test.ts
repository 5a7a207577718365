/**
 * `npm run cli -- store migrate --to postgres://…`: an SQLite store with every kind of row, moved
 * into PostgreSQL, counted and checked, and moved again without change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/index';
import { issueConfirmation } from '../../src/app/confirmations';
import { subscribe } from '../../src/features/notify/subscriptions';
import { addWatch, listWatches } from '../../src/features/watch/watch-store';
import { createJob, getJob, transitionJob } from '../../src/jobs/job-store';
import { appendMembers, claimPending, listMembers, recordOutcomes } from '../../src/jobs/member-store';
import { createAuditLog } from '../../src/security/audit-log';
import { createRateLimiter } from '../../src/security/rate-limit';
import { createConversationStore } from '../../src/store/conversation-store';
import { openSqliteStore, openStore, type Store } from '../../src/store/db';
import { createDialogStateStore } from '../../src/store/dialog-states';
import { storedBuckets } from '../../src/store/rate-buckets';
import { newPostgresDatabase } from '../helpers/stores';

interface CliRun {
  code: number;
  out: string[];
  err: string;
}

/** Fills an SQLite store with rows of every table the bot keeps. Returns the job's id. */
async function fill(store: Store): Promise<string> {
  const { db } = store;
  await createConversationStore(db).save({ conversationKey: 'a:chat', reference: { conversation: { id: 'a:chat' } }, tenantId: 't-1', conversationType: 'personal' }, 1_000);
  const jobId = await createJob(db, {
    kind: 'group', requestedBy: { aadObjectId: 'admin-1', name: 'Ada Admin' }, conversationKey: 'a:chat',
    environment: { id: 'env-uat', displayName: 'UAT', instanceUrl: 'https://uat.example/' }, target: 'Testers (group)', options: { waitForLicences: true }, state: 'queued', now: 2_000,
  });
  await appendMembers(db, jobId, Array.from({ length: 1_203 }, (_, i) => ({ objectId: `user-${i}`, userPrincipalName: `u${i}@contoso.com`, displayName: `User ${i}`, prediction: 'ready' as const })));
  await transitionJob(db, jobId, ['queued'], 'running', { now: 3_000 });
  const claimed = await claimPending(db, jobId, 0, 700);
  await recordOutcomes(db, jobId, claimed.map((m) => ({ seq: m.seq, state: m.seq % 7 === 0 ? 'failed' : 'synced', reason: m.seq % 7 === 0 ? 'userNotLicensed' : null, detail: null, attempts: 1 })));
  await subscribe(db, 'a:chat', { aadObjectId: 'admin-1', name: 'Ada Admin' }, 4_000);
  await issueConfirmation(db, { kind: 'sync.group', userId: 'admin-1', payload: { jobId }, ttlMs: 60_000, now: 5_000 });
  const audit = createAuditLog(db, { now: () => 6_000, scrub: (t) => t });
  for (let i = 0; i < 3; i += 1) await audit.record({ actor: { aadObjectId: 'admin-1', name: 'Ada Admin' }, kind: 'command', what: 'sync', summary: `sync ${i}`, environment: 'UAT', result: 'ok' });
  await addWatch(db, { group: { id: 'g-1', displayName: 'Testers' }, environment: { id: 'env-uat', displayName: 'UAT', instanceUrl: null }, conversationKey: 'a:chat', createdBy: { aadObjectId: 'admin-1', name: 'Ada Admin' }, deltaLink: 'https://graph/delta?x=1', createdAt: 7_000 });
  await createRateLimiter({ burst: 5, perMinute: 5 }, () => 8_000, storedBuckets(db)).take('admin-1');
  await createDialogStateStore(db).write('a:chat/admin-1', '{"dialogStack":[]}', null, 9_000);
  return jobId;
}

describe('npm run cli -- store migrate --to postgres://…', () => {
  let dir: string;
  let path: string;
  let url: string;
  let jobId: string;
  const cli = async (...args: string[]): Promise<CliRun> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['store', ...args], { DATA_SOURCE: 'simulated', STORE_PATH: path, LOG_LEVEL: 'silent' }, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err: err.join('\n') };
  };
  const counts = (run: CliRun): Record<string, number[]> =>
    Object.fromEntries(run.out.slice(1).map((line) => line.trim().split(/\s+/)).map(([table, ...numbers]) => [table as string, numbers.map(Number)]));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'store-migrate-'));
    path = join(dir, 'bot.sqlite');
    const sqlite = await openSqliteStore(path);
    jobId = await fill(sqlite);
    await sqlite.close();
    url = await newPostgresDatabase();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies every table, prints the counts and checks them; a second run copies nothing and finds everything', async () => {
    const first = await cli('migrate', '--to', url);
    expect(first.err).toMatch(/Done: all 1213 rows of 9 tables are in PostgreSQL/);
    expect(first.code).toBe(0);
    // table: in SQLite, copied now, already there, different, missing
    expect(counts(first)).toEqual({
      conversations: [1, 1, 0, 0, 0], sync_jobs: [1, 1, 0, 0, 0], sync_job_members: [1_203, 1_203, 0, 0, 0], notification_subscriptions: [1, 1, 0, 0, 0],
      confirmations: [1, 1, 0, 0, 0], audit_log: [3, 3, 0, 0, 0], watches: [1, 1, 0, 0, 0], rate_buckets: [1, 1, 0, 0, 0], dialog_state: [1, 1, 0, 0, 0],
    });
    expect(`${first.out.join('\n')}${first.err}`).not.toContain(new URL(url).password); // the connection string's password is never printed

    const postgres = await openStore({ kind: 'postgres', url, poolSize: 2 });
    try {
      expect(await getJob(postgres.db, jobId)).toMatchObject({ state: 'running', target: 'Testers (group)', options: { waitForLicences: true }, totals: { members: 1_203, synced: 600, failed: 100, pending: 503 } });
      expect((await listMembers(postgres.db, jobId, { state: 'failed', offset: 0, limit: 1 }))[0]).toMatchObject({ seq: 7, objectId: 'user-6', reason: 'userNotLicensed', attempts: 1 });
      expect(await listWatches(postgres.db)).toMatchObject([{ group: { displayName: 'Testers' }, deltaLink: 'https://graph/delta?x=1' }]);
      // Generated ids continue after the copied ones: the next audit entry and watch do not collide.
      await createAuditLog(postgres.db, { now: () => 10_000, scrub: (t) => t }).record({ actor: { name: 'Bob' }, kind: 'command', what: 'help', summary: 'help', result: 'ok' });
      const ids = (await postgres.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => Number(r.id));
      expect(ids).toEqual([1, 2, 3, 4]);
    } finally {
      await postgres.close();
    }

    const again = await cli('migrate', '--to', url);
    expect(again.code).toBe(0);
    expect(counts(again).sync_job_members).toEqual([1_203, 0, 1_203, 0, 0]);
    expect(counts(again).audit_log).toEqual([3, 0, 3, 0, 0]);
  }, 120_000);

  it('reports rows PostgreSQL holds differently and leaves them, with exit code 1', async () => {
    const postgres = await openStore({ kind: 'postgres', url, poolSize: 2 });
    await transitionJob(postgres.db, jobId, ['running'], 'done', { now: 11_000 }); // the bot on PostgreSQL moved on
    await postgres.close();
    const run = await cli('migrate', '--to', url);
    expect(run.code).toBe(1);
    expect(counts(run).sync_jobs).toEqual([1, 0, 0, 1, 0]);
    expect(run.err).toMatch(/sync_jobs \(1 different, 0 missing\)/);
  }, 120_000);

  it('refuses a missing target, a target that is not PostgreSQL, and a source that does not exist', async () => {
    expect((await cli('migrate')).err).toMatch(/--to postgres:/);
    expect((await cli('migrate', '--to', 'mysql://x')).err).toMatch(/--to postgres:/);
    expect((await cli('migrate', '--to', url, '--from', join(dir, 'nope.sqlite'))).err).toMatch(/no SQLite store at/);
  }, 60_000);
});
