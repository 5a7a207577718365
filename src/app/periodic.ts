/** A task repeated on a timer; `stop()` ends the timer and waits for a pass under way. */
export interface Periodic {
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `intervalMs` (the timer does not keep the process alive), never two passes at
 * once: a tick that finds the previous pass still running is skipped. A pass that throws goes to `onError`.
 */
export function runPeriodically(
  intervalMs: number,
  pass: () => Promise<unknown>,
  options: { onError(error: unknown): void; immediately?: boolean },
): Periodic {
  let current: Promise<void> | null = null;
  const tick = (): void => {
    if (current) return;
    current = pass()
      .then(() => undefined, options.onError)
      .finally(() => (current = null));
  };
  const timer = setInterval(tick, intervalMs).unref();
  if (options.immediately) tick();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
