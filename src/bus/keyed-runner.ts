// Runs queued work with per-key ordering: items with different keys run in parallel up to a limit,
// items with the same key one after another in the order they were pushed. Both buses hand their
// deliveries to it.

export class KeyedRunner<T> {
  private readonly queues = new Map<string, T[]>();
  /** Keys with queued items and nothing running, in the order they became ready. */
  private readonly ready: string[] = [];
  private readonly running = new Set<string>();
  private readonly settled = new Set<Promise<void>>();
  private queued = 0;
  private stopped = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly run: (item: T) => Promise<void>,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Items queued or running. */
  get size(): number {
    return this.queued + this.running.size;
  }

  push(key: string, item: T): void {
    if (this.stopped) throw new Error('the runner is stopped');
    const queue = this.queues.get(key);
    if (queue) queue.push(item);
    else {
      this.queues.set(key, [item]);
      if (!this.running.has(key)) this.ready.push(key);
    }
    this.queued++;
    this.pump();
  }

  /** Resolves once `size` is below `limit` (or the runner stops). */
  async waitBelow(limit: number): Promise<void> {
    while (this.size >= limit && !this.stopped) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Resolves when nothing is running. Queued items keep running meanwhile. */
  async idle(): Promise<void> {
    while (this.settled.size) await Promise.all(this.settled);
  }

  /** Takes every item that has not started out of the queues and returns them; running items finish. */
  takeQueued(): T[] {
    const items: T[] = [];
    for (const queue of this.queues.values()) items.push(...queue);
    this.queues.clear();
    this.ready.length = 0;
    this.queued = 0;
    this.wake();
    return items;
  }

  /** Stops taking items: returns the ones that never started, and resolves once the running ones finished. */
  async stop(): Promise<T[]> {
    this.stopped = true;
    const left = this.takeQueued();
    await this.idle();
    return left;
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.ready.length) {
      const key = this.ready.shift()!;
      const queue = this.queues.get(key)!;
      const item = queue.shift()!;
      if (queue.length === 0) this.queues.delete(key);
      this.queued--;
      this.running.add(key);
      const done: Promise<void> = this.run(item)
        .catch(() => undefined) // `run` reports its own failures; a rejection must not stop the key
        .then(() => {
          this.settled.delete(done);
          this.running.delete(key);
          if (this.queues.has(key)) this.ready.push(key);
          this.pump();
          this.wake();
        });
      this.settled.add(done);
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
