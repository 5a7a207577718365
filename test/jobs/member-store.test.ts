import { memoryStore } from '../helpers/stores';
import { getJob, listJobs } from '../../src/jobs/job-store';
import { CompiledQuery, sql } from 'kysely';
import { copyFailedMembers, findMember, listMembers, recordOutcomes, updateMembersBySeq } from '../../src/jobs/member-store';
import { seedJob } from './helpers/engine-fixture';

describe('member rows', () => {
  it('"Retry failed" copies exactly the failed members, in their order, once, and counts them on the new job', async () => {
    const db = (await memoryStore()).db;
    const from = await seedJob(db, 6);
    const failed = [1, 3, 4];
    await recordOutcomes(db, from, (await listMembers(db, from, { offset: 0, limit: 6 })).map((m, i) => ({
      seq: m.seq, state: failed.includes(i) ? 'failed' : 'synced', reason: failed.includes(i) ? 'userNotLicensed' : null, detail: null, attempts: 1,
    })));
    const to = await seedJob(db, 0, {}, 'none');

    expect(await copyFailedMembers(db, from, to)).toBe(3);
    expect(await copyFailedMembers(db, from, to)).toBe(0); // the same people are not added twice
    const copied = await listMembers(db, to, { offset: 0, limit: 10 });
    expect(copied.map((m) => [m.seq, m.objectId, m.state])).toEqual([
      [1, 'user-00001', 'pending'], [2, 'user-00003', 'pending'], [3, 'user-00004', 'pending'],
    ]);
    expect((await getJob(db, to))?.totals.members).toBe(3);
    expect((await listJobs(db, 10)).find((j) => j.id === to)?.totals.members).toBe(3); // the stored count history shows
  });

  it('every member of a page and every outcome of a batch is stored, whatever the batch size (written 100, 10 or 1 rows at a time)', async () => {
    const db = (await memoryStore()).db;
    const job = await seedJob(db, 357);
    const members = await listMembers(db, job, { offset: 0, limit: 400 });
    expect(members.map((m) => m.seq)).toEqual(Array.from({ length: 357 }, (_, i) => i + 1));
    let next = 0;
    for (const size of [234, 1, 12, 110]) {
      await recordOutcomes(db, job, members.slice(next, next + size).map((m) => ({
        seq: m.seq, state: m.seq % 2 === 0 ? 'failed' : 'synced', reason: m.seq % 2 === 0 ? `reason ${m.seq}` : null, detail: null, attempts: m.seq,
      })));
      next += size;
    }
    const stored = await listMembers(db, job, { offset: 0, limit: 400 });
    expect(stored.map((m) => [m.state, m.reason, m.attempts])).toEqual(
      members.map((m) => [m.seq % 2 === 0 ? 'failed' : 'synced', m.seq % 2 === 0 ? `reason ${m.seq}` : null, m.seq]),
    );
    expect((await getJob(db, job))?.totals).toMatchObject({ members: 357, synced: 179, failed: 178, pending: 0 });
  });

  it('finds the first member that matches without reading the rest', async () => {
    const db = (await memoryStore()).db;
    const job = await seedJob(db, 5000);
    let looked = 0;
    const found = await findMember(db, job, (m) => (looked += 1, m.displayName === 'user 42'));
    expect(found?.objectId).toBe('user-00042');
    expect(looked).toBe(43);
    expect(await findMember(db, job, () => false)).toBeNull();
  });

  it('a batch written to members (outcomes, role outcomes) finds each member by its key, so it costs the same in a 200,000-member job as in a small one', async () => {
    const db = (await memoryStore()).db;
    const job = await seedJob(db, 300);
    const part = Array.from({ length: 100 }, (_, i) => ({ seq: 101 + i, state: 'synced' as const, reason: null, detail: null, attempts: 1 }));
    const statement = updateMembersBySeq(job, part, sql`state = v.column2`, (o) => sql`(CAST(${o.seq} AS INTEGER), ${o.state})`).compile(db);
    const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters]));
    const members = plan.rows.map((r) => r.detail).filter((d) => d.includes('sync_job_members'));
    // Before the fix SQLite read "SEARCH sync_job_members USING … (job_id=?)": every member of the job, for every statement.
    expect(members).toEqual([expect.stringMatching(/\(job_id=\? AND seq=\?\)$/)]);
    await recordOutcomes(db, job, part);
    expect((await getJob(db, job))?.totals).toMatchObject({ synced: 100, pending: 200 });
  });
});
