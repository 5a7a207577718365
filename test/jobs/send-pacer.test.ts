/**
 * The pace of a lane that learnt a budget over time (src/jobs/send-pacer.ts), with timers that fire
 * late the way a busy event loop's do.
 */
import { SendPacer } from '../../src/jobs/send-pacer';

/** Sends for `ms`: each send as soon as the pacer allows it, the wake for a wait coming `lateMs` after it is due. */
function sendsWithin(pacer: SendPacer, ms: number, lateMs: number, start = 0): number[] {
  const sent: number[] = [];
  for (let now = start; now < start + ms; ) {
    const wait = pacer.waitMs(now);
    if (wait > 0) {
      now += wait + lateMs;
      continue;
    }
    pacer.take(now);
    sent.push(now);
  }
  return sent;
}

describe('paced sends', () => {
  it.each([1, 3])('when every timer fires %i ms late, the lane still sends at the rate it was set to (within 1%%)', (lateMs) => {
    const pacer = new SendPacer();
    pacer.setRate(400);
    const sent = sendsWithin(pacer, 1_000, lateMs);
    expect(sent.length).toBeGreaterThanOrEqual(396);
    expect(sent.length).toBeLessThanOrEqual(401);
  });

  it('when a timer fires later than the next send was due, the sends that fell due go in the turn it woke, not one timer each', () => {
    const pacer = new SendPacer();
    pacer.setRate(400);
    const sent = sendsWithin(pacer, 1_000, 3);
    const wakes = new Set(sent).size;
    expect(wakes).toBeLessThanOrEqual(sent.length * 0.6);
  });

  it('after an idle spell, the first sends are spaced at the rate again: no burst for the time nobody sent', () => {
    const pacer = new SendPacer();
    pacer.setRate(20);
    pacer.take(0);
    const sent = sendsWithin(pacer, 1_000, 0, 10_000);
    expect(sent.slice(0, 3)).toEqual([10_000, 10_050, 10_100]);
    expect(sent).toHaveLength(20);
  });

  it('after a Retry-After hold, nothing goes before its end and the backlog of the pause is not caught up', () => {
    const pacer = new SendPacer();
    pacer.setRate(100);
    pacer.take(0);
    pacer.holdUntil(2_000);
    expect(pacer.waitMs(1_000)).toBe(1_000);
    const sent = sendsWithin(pacer, 100, 0, 2_000);
    expect(sent).toEqual([2_000, 2_010, 2_020, 2_030, 2_040, 2_050, 2_060, 2_070, 2_080, 2_090]);
  });
});
