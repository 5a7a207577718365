import { AdmissionMeter } from '../../src/jobs/admission-meter';

/** Sends every `everyMs` from `fromMs` up to (not including) `toMs`. */
function sendEvery(meter: AdmissionMeter, fromMs: number, toMs: number, everyMs: number): void {
  for (let at = fromMs; at < toMs; at += everyMs) meter.sent(at);
}

describe('admission meter', () => {
  it('counts what the service admitted over the last second: sends minus the ones refused', () => {
    const meter = new AdmissionMeter();
    sendEvery(meter, 0, 3_050, 50); // 20 a second, the last at 3 s
    meter.refused(2_500);
    meter.refused(2_550);
    expect(meter.admittedPerSecond(3_000)).toBe(18);
  });

  it('when the job has run for less than a second, then the rate is over the time since its first send', () => {
    const meter = new AdmissionMeter();
    sendEvery(meter, 1_000, 1_500, 50);
    expect(meter.admittedPerSecond(1_500)).toBe(20);
  });

  it('when sending resumed less than a second ago after a Retry-After pause, then the rate is over the time since', () => {
    // 20 a second, a 2 s pause from 1 s, then 20 a second again from 3 s: at 3.5 s the service has been admitting 20 a
    // second. Counted over the whole last second, half of which was the pause, it looked like 10, and a pace set from it
    // halved the job's speed (traced: 26.6 → 9.5 requests a second against a budget of 20).
    const meter = new AdmissionMeter();
    sendEvery(meter, 0, 1_000, 50);
    sendEvery(meter, 3_000, 3_500, 50);
    expect(meter.admittedPerSecond(3_500, 3_000)).toBe(20);
    expect(meter.admittedPerSecond(3_500)).toBe(10);
  });
});
