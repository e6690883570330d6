// The webhook deliverer: a polling loop that claims due deliveries (several Vigil processes can run one
// each; see queue.ts), sends them in parallel up to `concurrency`, and records each outcome: delivered,
// retried after a backoff, or failed after `maxAttempts`. stop() waits for attempts in flight and records
// them, so a clean shutdown resends nothing.
import type { Db } from '../../store/schema.js';
import { Sleeper } from '../../bus/sleeper.js';
import { DEFAULT_MAX_ATTEMPTS, defaultBackoff } from './backoff.js';
import { claimDue, recordAttempt, type AttemptResult, type ClaimedDelivery } from './queue.js';
import { attemptDelivery, DEFAULT_TIMEOUT_MS, type FetchLike } from './send.js';

export interface WebhookDelivererOptions {
  db: Db;
  clock: () => Date;
  fetch?: FetchLike;
  /** Pause between polls when nothing was due, in ms. Default 500. */
  pollMs?: number;
  /** Deliveries sent at once by this process. Default 8. */
  concurrency?: number;
  /** Attempts before a delivery is marked failed. Default 12 (about 20 hours; see backoff.ts). */
  maxAttempts?: number;
  /** The pause after the n-th failed attempt, in ms. */
  backoff?: (attempt: number) => number;
  /** Time limit of one request, in ms. Default 10 s. */
  timeoutMs?: number;
  /** How long a claimed delivery is held before another process may retry it, in ms. Default timeoutMs + 20 s. */
  leaseMs?: number;
  /** Where failures of the loop itself (a lost database) go. Default: stderr. */
  onError?: (err: unknown, context: string) => void;
}

export interface WebhookDeliverer {
  /** Looks for due deliveries now (new actions were just committed) instead of at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}

/** Pause after a failed poll or outcome write, in ms. */
const FAILURE_PAUSE_MS = 1000;

export function startWebhookDeliverer(options: WebhookDelivererOptions): WebhookDeliverer {
  const { db, clock } = options;
  const pollMs = options.pollMs ?? 500;
  const concurrency = options.concurrency ?? 8;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoff = options.backoff ?? defaultBackoff;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const leaseMs = options.leaseMs ?? timeoutMs + 20_000;
  const onError = options.onError ?? ((err: unknown, context: string) => console.error(`[vigil webhooks] ${context}:`, err));
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  if (leaseMs <= timeoutMs) throw new RangeError(`leaseMs (${leaseMs}) must exceed timeoutMs (${timeoutMs}), or a slow attempt could be sent twice at once`);

  const sleeper = new Sleeper();
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  // Set when an attempt finishes (a slot is free, or the next delivery of an entity may be due): the next
  // pause is skipped even if the news came while the loop was not sleeping.
  let nudged = false;
  const nudge = () => {
    nudged = true;
    sleeper.wake();
  };
  const pause = async (ms: number) => {
    if (!nudged) await sleeper.sleep(ms);
    nudged = false;
  };

  async function record(claim: ClaimedDelivery, result: AttemptResult): Promise<void> {
    const now = clock();
    const giveUp = !result.ok && claim.attempts >= maxAttempts;
    const delay = Math.max(0, Number(backoff(claim.attempts)) || 0);
    // A lost database must not lose the outcome: retry the write until it lands (or the lease makes it moot).
    for (let tries = 0; ; tries++) {
      try {
        await recordAttempt(db, claim, result, now, { giveUp, nextAttemptAt: new Date(now.getTime() + delay) });
        return;
      } catch (err) {
        onError(err, `recording the outcome of webhook delivery ${claim.id}`);
        if (stopping || tries >= 5) return;
        await new Promise((r) => setTimeout(r, FAILURE_PAUSE_MS));
      }
    }
  }

  function dispatch(claim: ClaimedDelivery): void {
    const work = (async () => {
      const result = await attemptDelivery(claim, clock(), { fetch: options.fetch, timeoutMs });
      await record(claim, result);
    })();
    inFlight.add(work);
    void work.finally(() => {
      inFlight.delete(work);
      nudge();
    });
  }

  async function run(): Promise<void> {
    while (!stopping) {
      const room = concurrency - inFlight.size;
      if (room <= 0) {
        await pause(pollMs);
        continue;
      }
      let claimed: ClaimedDelivery[];
      try {
        const now = clock();
        claimed = await claimDue(db, now, new Date(now.getTime() + leaseMs), room);
      } catch (err) {
        if (stopping) break;
        onError(err, 'claiming due webhook deliveries');
        await sleeper.sleep(FAILURE_PAUSE_MS);
        continue;
      }
      // Claimed rows are sent even when stop() came meanwhile: their lease is taken and their attempt counted.
      for (const claim of claimed) dispatch(claim);
      if (claimed.length < room && !stopping) await pause(pollMs);
    }
  }

  const loop = run();
  let stopped: Promise<void> | undefined;
  return {
    wake: nudge,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        nudge();
        await loop;
        while (inFlight.size) await Promise.all([...inFlight]);
      })()),
  };
}
