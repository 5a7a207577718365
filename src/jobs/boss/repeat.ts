import type { PgBoss } from 'pg-boss';
import type { Periodic } from '../../app/periodic';
import type { RepeatedTask } from '../job-runner';
import { repeatQueue, repeatQueueDefinition } from './queues';

/**
 * A repeated pass run once per interval across every instance. Time is cut into slots of the
 * interval (epoch-aligned, by PostgreSQL's clock); every instance files a job for the current slot
 * a few times per slot, and pg-boss keeps one per slot (singletonSeconds) and none while the
 * previous pass still runs (exclusive). Any instance's worker runs it. With every instance down,
 * nothing runs; the first one back starts again at its slot.
 */
export function repeatOnBoss(boss: Promise<PgBoss>, task: RepeatedTask): Periodic {
  const seconds = Math.max(1, Math.round(task.intervalMs / 1000));
  const queue = repeatQueue(task.name);
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const file = async (): Promise<void> => {
    if (!stopped) await (await boss).send(queue, {}, { singletonSeconds: seconds });
  };
  const tick = (): void => void file().catch(task.onError);
  const started = (async () => {
    const b = await boss;
    const { name, ...options } = repeatQueueDefinition(task.name, seconds);
    await b.createQueue(name, options);
    const worker = await b.work(queue, { pollingIntervalSeconds: Math.min(2, Math.max(0.5, seconds / 4)) }, async () => {
      await task.run().catch(task.onError);
    });
    if (stopped) return worker;
    // Four chances per slot: a slot is filed even when a tick was late or the previous pass ran over.
    timer = setInterval(tick, Math.max(500, (seconds * 1000) / 4)).unref();
    if (task.immediately) tick();
    return worker;
  })();
  started.catch(task.onError);
  return {
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      const worker = await started.catch(() => null);
      if (worker !== null) await (await boss).offWork(queue, { id: worker, wait: true });
    },
  };
}
