import type { PgBoss } from 'pg-boss';
import type { AddUserOutcome } from '../../gateways/types';
import { systemClock, type Clock } from '../clock';
import { replyOutcome, type AddUserReply, type AddUserRequest } from './lane';
import { ADD_USER_QUEUE } from './queues';

/**
 * A Sync now from an instance that does not hold the addUser lane: sent to the holder through
 * pg-boss and waited for, so it is admitted by the same limiter as every job's. When no holder
 * answers in time (the lane is changing hands), the request is withdrawn and reported as the
 * service being unavailable: the person presses Sync again.
 */
export async function addUserThroughLane(boss: PgBoss, request: AddUserRequest, waitMs: number, clock: Clock = systemClock): Promise<AddUserOutcome> {
  const id = await boss.send(ADD_USER_QUEUE, { ...request });
  if (id === null) throw new Error('pg-boss did not take the Sync now request');
  const deadline = clock.now() + waitMs;
  for (let pause = 50; clock.now() < deadline; pause = Math.min(pause * 2, 500)) {
    await clock.sleep(pause);
    const [job] = await boss.findJobs<AddUserRequest>(ADD_USER_QUEUE, { id });
    if (job?.state === 'completed') return replyOutcome(job.output as AddUserReply);
    if (job && job.state !== 'created' && job.state !== 'active' && job.state !== 'retry') break;
  }
  await boss.cancel(ADD_USER_QUEUE, id).catch(() => undefined);
  return { ok: false, kind: 'transient', status: 503, detail: 'No bot instance could run the sync just now' };
}
