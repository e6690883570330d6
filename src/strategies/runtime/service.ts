// Keeps the running StrategySet current: loads it at start, polls the strategies' generation and swaps
// in a freshly compiled set when a version, state, pause or list changed. Deciding never sees half a change.
import type { Executor } from '../../store/schema.js';
import { strategiesGeneration } from '../store/strategies.js';
import { loadStrategySet, type StrategySet } from './strategy-set.js';

export interface StrategiesServiceOptions {
  pollMs?: number;
  onError?: (err: Error) => void;
  onSwap?: (set: StrategySet) => void;
}

export class StrategiesService {
  private current: StrategySet | undefined;
  private generation = '';
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Executor,
    private readonly options: StrategiesServiceOptions = {},
  ) {}

  get ready(): StrategySet | undefined {
    return this.current;
  }

  async set(): Promise<StrategySet> {
    return this.current ?? this.refresh();
  }

  /** Reloads if anything changed since the last load; calls run one after another. */
  refresh(): Promise<StrategySet> {
    const next = this.queue.catch(() => undefined).then(() => this.reload());
    this.queue = next;
    return next;
  }

  private async reload(): Promise<StrategySet> {
    const generation = await strategiesGeneration(this.db);
    if (this.current && generation === this.generation) return this.current;
    const set = await loadStrategySet(this.db);
    for (const b of set.broken) this.options.onError?.(new Error(`strategy ${b.strategyId} v${b.version} no longer compiles and does not run: ${b.error}`));
    this.current = set;
    this.generation = generation;
    this.options.onSwap?.(set);
    return set;
  }

  start(): void {
    const tick = () => {
      this.timer = setTimeout(() => {
        this.refresh()
          .catch((err) => this.options.onError?.(err as Error))
          .finally(() => {
            if (this.timer) tick();
          });
      }, this.options.pollMs ?? 1000);
    };
    tick();
  }

  async stop(): Promise<void> {
    const t = this.timer;
    this.timer = undefined;
    if (t) clearTimeout(t);
    await this.queue.catch(() => undefined);
  }
}
