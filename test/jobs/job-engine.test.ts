import { AppError } from '../../src/errors';
import type { AddUserOutcome } from '../../src/gateways/types';
import { claimPending, listMembers, recordOutcomes } from '../../src/jobs/member-store';
import { computeTotals, getJob } from '../../src/jobs/job-store';
import type { JobTotals } from '../../src/jobs/job-types';
import { createEngine, lazyDataverse, scriptedPowerPlatform, seedJob, systemUserRow } from './helpers/engine-fixture';
import { VirtualClock } from './helpers/virtual-clock';
import { memoryStore } from '../helpers/stores';

const OK: AddUserOutcome = { ok: true };
const NOT_LICENSED: AddUserOutcome = { ok: false, kind: 'rejected', status: 400, code: 'userNotLicensed', description: 'User is not licensed' };
const UNAVAILABLE: AddUserOutcome = { ok: false, kind: 'transient', status: 503, detail: 'Service Unavailable' };

async function runToEnd(clock: VirtualClock, engine: Awaited<ReturnType<typeof createEngine>>['engine'], jobId: string) {
  await clock.run(async () => {
    await engine.start(jobId);
    await engine.idle();
  });
}

describe('sync job engine', () => {
  it('when 3 of 5 members are licensed, then 3 are synced and confirmed and 2 fail with userNotLicensed', async () => {
    const clock = new VirtualClock();
    const pp = scriptedPowerPlatform(clock, (id) => (id.endsWith('3') || id.endsWith('4') ? NOT_LICENSED : OK));
    const { db, engine, events } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse: lazyDataverse(clock).gateway });
    const jobId = await seedJob(db, 5);
    await runToEnd(clock, engine, jobId);
    const job = await getJob(db, jobId);
    expect(job?.state).toBe('done');
    expect(job?.totals).toMatchObject({ members: 5, synced: 3, failed: 2, skipped: 0, pending: 0, visible: 3 });
    const failed = await listMembers(db, jobId, { state: 'failed', offset: 0, limit: 10 });
    expect(failed.map((m) => [m.displayName, m.reason])).toEqual([['user 3', 'userNotLicensed'], ['user 4', 'userNotLicensed']]);
    expect(events.finished.map((j) => j.id)).toEqual([jobId]);
  });

  it('when addUser answers 503 twice, then the member is retried with backoff and synced on the third attempt', async () => {
    const clock = new VirtualClock();
    const pp = scriptedPowerPlatform(clock, (_id, call) => (call <= 2 ? UNAVAILABLE : OK));
    const { db, engine } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse: lazyDataverse(clock).gateway });
    const jobId = await seedJob(db, 1);
    await runToEnd(clock, engine, jobId);
    expect((await listMembers(db, jobId, { offset: 0, limit: 1 }))[0]).toMatchObject({ state: 'synced', attempts: 3 });
  });

  it('when the service stays unavailable, then the member fails after maxRetries retries with a plain reason', async () => {
    const clock = new VirtualClock();
    const pp = scriptedPowerPlatform(clock, () => UNAVAILABLE);
    const { db, engine } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse: lazyDataverse(clock).gateway });
    const jobId = await seedJob(db, 2);
    await runToEnd(clock, engine, jobId);
    const members = await listMembers(db, jobId, { offset: 0, limit: 5 });
    expect(members.map((m) => [m.state, m.reason, m.attempts])).toEqual([
      ['failed', 'serviceUnavailable', 4],
      ['failed', 'serviceUnavailable', 4],
    ]);
    expect(members[0]?.detail).toMatch(/HTTP 503.*after 4 tries/);
  });

  it.each([
    [true, 'synced'],
    [false, 'failed'],
  ])('when a licence arrives 20 s late and waiting for licences is %s, then the member is %s', async (wait, state) => {
    const clock = new VirtualClock();
    const pp = scriptedPowerPlatform(clock, (_id, _call, now) => (now < 20_000 ? NOT_LICENSED : OK));
    const { db, engine } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse: lazyDataverse(clock).gateway });
    const jobId = await seedJob(db, 1, { waitForLicences: wait });
    await runToEnd(clock, engine, jobId);
    expect((await listMembers(db, jobId, { offset: 0, limit: 1 }))[0]?.state).toBe(state);
    expect(clock.now()).toBeLessThan(62_000);
  });

  it('when resumed after a crash, then finished members are not re-run and in-flight ones are run once more', async () => {
    const clock = new VirtualClock();
    const pp = scriptedPowerPlatform(clock, () => OK);
    const { db, engine } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse: lazyDataverse(clock).gateway });
    const jobId = await seedJob(db, 10);
    const claimed = await claimPending(db, jobId, 0, 6); // six were handed to workers…
    await recordOutcomes(db, jobId, claimed.slice(0, 4).map((m) => ({ seq: m.seq, state: 'synced', reason: null, detail: null, attempts: 1 })));
    await db.updateTable('sync_jobs').set({ state: 'running' }).where('id', '=', jobId).execute(); // …then the process died
    await clock.run(async () => {
      expect(await engine.resumeUnfinished()).toEqual([jobId]);
      await engine.idle();
    });
    expect([...pp.calls.keys()].sort()).toEqual(['user-00004', 'user-00005', 'user-00006', 'user-00007', 'user-00008', 'user-00009']);
    expect([...pp.calls.values()].every((n) => n === 1)).toBe(true);
    expect((await getJob(db, jobId))?.totals).toMatchObject({ members: 10, synced: 10, pending: 0 });
  });

  it('when synced users show up in Dataverse late, then they are polled in batches until visible', async () => {
    const clock = new VirtualClock();
    const pp = scriptedPowerPlatform(clock, () => OK);
    const dv = lazyDataverse(clock, 5_000);
    const { db, engine } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse: dv.gateway });
    const jobId = await seedJob(db, 1500);
    await runToEnd(clock, engine, jobId);
    expect((await getJob(db, jobId))?.totals).toMatchObject({ synced: 1500, visible: 1500 });
    // 2 batches of 1,000 per polling round, never one per member; and one lookup of 50 while adding, which finds none and ends those
    expect(dv.requests()).toBeLessThanOrEqual(13);
  });

  it('when Dataverse shows synced users at once, then each is looked up once, all but the last few while the adds run', async () => {
    const clock = new VirtualClock();
    let lastAnswerAt = 0;
    const pp = scriptedPowerPlatform(clock, (_id, _call, now) => ((lastAnswerAt = Math.max(lastAnswerAt, now)), OK));
    const asked: string[] = [];
    const askedAfterAdds: string[] = [];
    const dataverse = {
      ...lazyDataverse(clock).gateway,
      findSystemUsers: async (_url: string, ids: string[]) => {
        asked.push(...ids);
        if (pp.calls.size === 1500 && clock.now() >= lastAnswerAt) askedAfterAdds.push(...ids);
        await clock.sleep(200);
        return ids.map((id) => systemUserRow(id));
      },
    };
    const { db, engine } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse });
    const jobId = await seedJob(db, 1500);
    await runToEnd(clock, engine, jobId);
    expect((await getJob(db, jobId))?.totals).toMatchObject({ synced: 1500, visible: 1500 });
    expect(asked).toHaveLength(1500);
    expect(new Set(asked).size).toBe(1500);
    expect(askedAfterAdds.length).toBeLessThan(200); // the last few: the rest were found while adding (without that, all 1,500)
  });

  it('when a lookup is still under way as the last add returns, then the check after the adds runs beside it instead of after it', async () => {
    const clock = new VirtualClock();
    let lastAnswerAt = 0;
    const pp = scriptedPowerPlatform(clock, (_id, _call, now) => ((lastAnswerAt = Math.max(lastAnswerAt, now)), OK));
    const asked: string[] = [];
    let lookupsUnderWayAtTheEnd = 0;
    let underWay = 0;
    const dataverse = {
      ...lazyDataverse(clock).gateway,
      findSystemUsers: async (_url: string, ids: string[]) => {
        asked.push(...ids);
        underWay += 1;
        await clock.sleep(200);
        if (pp.calls.size === 1500 && clock.now() > lastAnswerAt) lookupsUnderWayAtTheEnd = Math.max(lookupsUnderWayAtTheEnd, underWay);
        underWay -= 1;
        return ids.map((id) => systemUserRow(id));
      },
    };
    const { db, engine } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse });
    const jobId = await seedJob(db, 1500);
    await runToEnd(clock, engine, jobId);
    const job = await getJob(db, jobId);
    expect(job?.totals).toMatchObject({ synced: 1500, visible: 1500 });
    expect(new Set(asked).size).toBe(asked.length); // nobody asked about twice
    expect(lookupsUnderWayAtTheEnd).toBe(2); // the one started while adding, and the check's own
    // one lookup (200 ms) after the last answer, not the rest of the one under way and then another
    expect((job?.finishedAt ?? Number.NaN) - lastAnswerAt).toBeLessThanOrEqual(200);
  });

  it('when the lookup still under way as the adds end fails, then its members are looked up again and confirmed', async () => {
    const clock = new VirtualClock();
    const pp = scriptedPowerPlatform(clock, () => OK);
    // Lookups run one at a time, except at the end: the one under way as the adds end, and the check's own beside it.
    // The one under way then fails.
    const running = new Set<{ fail: boolean }>();
    let failed = 0;
    const dataverse = {
      ...lazyDataverse(clock).gateway,
      findSystemUsers: async (_url: string, ids: string[]) => {
        for (const other of running) other.fail = true;
        const lookup = { fail: false };
        running.add(lookup);
        await clock.sleep(200);
        running.delete(lookup);
        if (lookup.fail) {
          failed += ids.length;
          throw new Error('Dataverse is unavailable');
        }
        return ids.map((id) => systemUserRow(id));
      },
    };
    const { db, engine } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse });
    const jobId = await seedJob(db, 1500);
    await runToEnd(clock, engine, jobId);
    expect(failed).toBeGreaterThan(0);
    expect((await getJob(db, jobId))?.totals).toMatchObject({ synced: 1500, visible: 1500 });
  });

  it('when users never show up, then the job ends after the confirmation window with them "not visible yet"', async () => {
    const clock = new VirtualClock();
    const pp = scriptedPowerPlatform(clock, () => OK);
    const { db, engine } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse: lazyDataverse(clock, 10_000_000).gateway });
    const jobId = await seedJob(db, 3);
    await runToEnd(clock, engine, jobId);
    expect((await getJob(db, jobId))?.totals).toMatchObject({ synced: 3, visible: 0 });
    expect(clock.now()).toBeLessThan(35_000);
  });

  it('when the bot is not allowed to call BAP, then the job fails with the actionable message', async () => {
    const clock = new VirtualClock();
    const pp = scriptedPowerPlatform(clock, () => {
      throw new AppError('bap.forbidden', 'The bot is not registered as a Power Platform management application.');
    });
    const { db, engine, events } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse: lazyDataverse(clock).gateway });
    const jobId = await seedJob(db, 3);
    await runToEnd(clock, engine, jobId);
    expect(await getJob(db, jobId)).toMatchObject({ state: 'failed', error: expect.stringMatching(/management application/) });
    expect(events.finished).toHaveLength(1);
  });

  it('reports progress no more often than every progressIntervalSeconds', async () => {
    const clock = new VirtualClock();
    const pp = scriptedPowerPlatform(clock, () => OK);
    const { db, engine, events } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse: lazyDataverse(clock).gateway });
    const jobId = await seedJob(db, 3000);
    await runToEnd(clock, engine, jobId);
    expect(events.progress.length).toBeGreaterThanOrEqual(3); // else the gaps below prove nothing
    const gaps = events.progress.slice(1).map((p, i) => p.at - (events.progress[i]?.at ?? 0));
    expect(gaps.every((gap) => gap >= 3000)).toBe(true);
    const synced = events.progress.map((p) => p.job.totals.synced);
    expect([...synced].sort((a, b) => a - b)).toEqual(synced);
  });

  it('each progress report counts exactly the outcomes stored by then, those of an earlier run included', async () => {
    const clock = new VirtualClock();
    const pp = scriptedPowerPlatform(clock, (id) => (id.endsWith('7') ? NOT_LICENSED : OK));
    const seen: { reported: JobTotals; stored: JobTotals }[] = [];
    const db = (await memoryStore()).db;
    const { engine } = await createEngine({
      db, clock, powerPlatform: pp.gateway, dataverse: lazyDataverse(clock).gateway,
      onProgress: async (job) => void seen.push({ reported: job.totals, stored: await computeTotals(db, job.id) }),
    });
    const jobId = await seedJob(db, 5000);
    // An earlier run stored 400 outcomes (40 failed) before the process stopped, and left 100 members running.
    const earlier = await claimPending(db, jobId, 0, 500);
    await recordOutcomes(db, jobId, earlier.slice(0, 400).map((m) => ({ seq: m.seq, state: m.seq % 10 === 0 ? 'failed' : 'synced', reason: m.seq % 10 === 0 ? 'userNotLicensed' : null, detail: null, attempts: 1 })));
    await runToEnd(clock, engine, jobId);
    expect(seen.length).toBeGreaterThanOrEqual(3); // else the comparison below proves little
    for (const { reported, stored } of seen) expect(reported).toEqual({ ...stored, visible: reported.visible });
    expect(seen[0]?.reported.synced).toBeGreaterThan(360); // the earlier run's 360 synced are counted from the first report on
    expect((await getJob(db, jobId))?.totals).toMatchObject({ members: 5000, synced: 360 + 4140, failed: 40 + 460, pending: 0 });
  });

  it("when a diagnosis card's Sync now is throttled, then the running sync waits too: one limiter for every addUser", async () => {
    const clock = new VirtualClock();
    const sentAt: number[] = [];
    const pp = scriptedPowerPlatform(clock, (objectId, _call, now) => {
      if (objectId === 'sync-now-user') return { ok: false, kind: 'throttled', status: 429, retryAfterMs: 5000 };
      sentAt.push(now - 100); // the scripted service answers 100 ms after the call
      return OK;
    });
    const { db, engine } = await createEngine({ clock, powerPlatform: pp.gateway, dataverse: lazyDataverse(clock).gateway });
    const jobId = await seedJob(db, 3);
    await clock.run(async () => {
      // Three refusals in a row stand out from random noise (a limit); two more such bursts at once: a budget, so everyone waits.
      for (let i = 0; i < 9; i += 1) expect(await engine.addUserNow('env-uat', 'sync-now-user')).toMatchObject({ kind: 'throttled' });
      await engine.start(jobId);
      await engine.idle();
    });
    expect(sentAt).toHaveLength(3);
    expect(Math.min(...sentAt)).toBeGreaterThanOrEqual(5000);
  });
});
