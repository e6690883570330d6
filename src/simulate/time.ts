// Simulated time: milliseconds since the epoch, formatted as RFC 3339 for events, and the daily
// rhythm of activity (quiet mornings, busy evenings, in UTC).

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Activity multiplier at `ms`: 0.5 around 08:00 UTC, 1.5 around 20:00 UTC. */
export function diurnal(ms: number): number {
  const hour = (ms % DAY) / HOUR;
  return 1 + 0.5 * Math.sin((2 * Math.PI * (hour - 14)) / 24);
}

export const DIURNAL_MAX = 1.5;

/** Something that tells real (wall-clock) time and waits; passed in, so tests can fake it. */
export interface RealClock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The machine's clock, for the CLI and servers to pass in. */
export function systemClock(): RealClock {
  return {
    now: () => performance.now(),
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        // The listener goes when the sleep ends, so a long run does not pile listeners on the signal.
        const onAbort = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
