// The retry schedule: exponential from one minute, doubling per failed attempt, capped at six hours, with
// ±20% jitter so deliveries that failed together (an endpoint down) do not all come back at once. With the
// default 12 attempts the last one comes about 20 hours after the first.
export const DEFAULT_MAX_ATTEMPTS = 12;
const BASE_MS = 60_000;
const CAP_MS = 6 * 3_600_000;

/** The pause after the `attempt`-th failed attempt (1-based), without jitter. */
export const backoffBaseMs = (attempt: number) => Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));

export function defaultBackoff(attempt: number, random: () => number = Math.random): number {
  return Math.round(backoffBaseMs(attempt) * (0.8 + 0.4 * random()));
}
