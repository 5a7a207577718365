/** Outcomes in the short window: about two round trips at a window of 10. */
const RECENT = 20;
/** Outcomes at a settled level from which the background 429 rate is learnt. */
const BACKGROUND = 300;
/** Before anything is learnt, the background rate is taken as 1 in 10, worth 10 outcomes. */
const PRIOR = { refusals: 1, outcomes: 10 };
/** Refusals this unlikely under the background rate come from a limit. */
const SIGNIFICANCE = 0.002;
/** A probe's counts are halved past this, so its test weighs its latest outcomes most (and stays exact in floating point). */
const PROBE_OUTCOMES = 200;

interface Outcome {
  refused: boolean;
  /** Recorded while the limiter held its level (not while it was raising it). */
  settled: boolean;
  /** A refusal blamed on a limit: it tells nothing about the background rate, and is not counted twice. */
  limit: boolean;
}

/**
 * Tells a limit's 429s from a service that refuses at random whatever the load (issue 18), by
 * comparing the 429 rate at the level being tried with the rate where the limiter held still:
 * - the background rate is learnt only while the level is held (never while it is raised, so a
 *   limit that refuses a little more at each step up is not learnt as background);
 * - a burst (the refusals among the last 20 outcomes) that rate would almost never produce
 *   (p < 0.2%) is a limit: a cap or a budget, exceeded, refuses most of what is sent;
 * - while raising, the refusals since the raise began are tested the same way, so a limit crossed
 *   slowly (a paced rate growing 5% a second) is found even when its 429s come one at a time.
 * Before anything is learnt the background rate is taken as 1 in 10, so a clean service's first
 * overshoot costs about eight 429s rather than one.
 */
export class RefusalGauge {
  private recent: Outcome[] = [];
  private readonly background: boolean[] = [];
  private backgroundRefusals = 0;
  private settled = false;
  private probe = { refusals: 0, outcomes: 0 };

  /** The limiter holds its level: the background rate is learnt from now on. */
  settle(): void {
    this.settled = true;
  }

  /** The limiter starts raising its level (it does from the start: slow start). */
  startProbe(): void {
    this.settled = false;
    this.probe = { refusals: 0, outcomes: 0 };
  }

  admitted(): void {
    this.record({ refused: false, settled: this.settled, limit: false });
  }

  /** A refusal of a request sent before the limiter reacted to a limit: part of the same burst. */
  refusedByKnownLimit(): void {
    this.record({ refused: true, settled: this.settled, limit: true });
  }

  /** Records a refusal and says whether it (with the rest of its burst) comes from a limit. */
  refused(): 'limit' | 'noise' {
    this.record({ refused: true, settled: this.settled, limit: false });
    const rate = (this.backgroundRefusals + PRIOR.refusals) / (this.background.length + PRIOR.outcomes);
    const fresh = this.recent.filter((o) => !o.limit);
    const burst = tailProbability(fresh.length, fresh.filter((o) => o.refused).length, rate) < SIGNIFICANCE;
    const creeping = !this.settled && tailProbability(this.probe.outcomes, this.probe.refusals, rate) < SIGNIFICANCE;
    if (!burst && !creeping) return 'noise';
    for (const outcome of this.recent) if (outcome.refused) outcome.limit = true;
    return 'limit';
  }

  private record(outcome: Outcome): void {
    this.recent.push(outcome);
    if (!outcome.settled && !outcome.limit) {
      this.probe.outcomes += 1;
      if (outcome.refused) this.probe.refusals += 1;
      if (this.probe.outcomes > PROBE_OUTCOMES) this.probe = { refusals: this.probe.refusals / 2, outcomes: this.probe.outcomes / 2 };
    }
    if (this.recent.length <= RECENT) return;
    // The oldest recent outcome moves on to the background, if it was seen at a held level and is not a limit's.
    const old = this.recent.shift() as Outcome;
    if (!old.settled || old.limit) return;
    this.background.push(old.refused);
    if (old.refused) this.backgroundRefusals += 1;
    if (this.background.length > BACKGROUND && this.background.shift()) this.backgroundRefusals -= 1;
  }
}

/** P(X >= k) for X ~ Binomial(n, p); n and k may be fractional (halved counts): both are rounded. */
function tailProbability(outcomes: number, refusals: number, p: number): number {
  const n = Math.round(outcomes);
  const k = Math.round(refusals);
  if (k <= 0) return 1;
  let below = 0;
  let term = (1 - p) ** n;
  for (let i = 0; i < k; i += 1) {
    below += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - below);
}
