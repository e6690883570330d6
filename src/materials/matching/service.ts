// Keeps the current MaterialSet: builds it at start, polls the packages' generation and, when it moved,
// builds a new set beside the old one and swaps the reference in one assignment. Matching never waits
// for a build, and never sees half a change.
import type { Executor } from '../../store/schema.js';
import { loadMatchableSource, materialsGeneration } from '../packages/index.js';
import { buildMaterialSet } from './build.js';
import type { MaterialSet } from './material-set.js';

export interface MaterialsServiceOptions {
  /** How often to look for changed packages (ms). */
  pollMs?: number;
  onError?: (err: Error) => void;
  onSwap?: (set: MaterialSet, generation: string, buildMs: number) => void;
}

export class MaterialsService {
  private current: MaterialSet | undefined;
  private generation = '';
  private timer: NodeJS.Timeout | undefined;
  /** Rebuilds run one after another; each looks at the generation when it starts. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Executor,
    private readonly options: MaterialsServiceOptions = {},
  ) {}

  /** The set in use; builds the first one if there is none yet. */
  /** The set in use, without waiting; undefined before the first build. */
  get ready(): MaterialSet | undefined {
    return this.current;
  }

  async set(): Promise<MaterialSet> {
    return this.current ?? this.refresh();
  }

  /**
   * Rebuilds if any package changed since the last build. A build already running may have read the
   * generation before the caller's change, so every call gets a look of its own after it.
   */
  refresh(): Promise<MaterialSet> {
    const next = this.queue.catch(() => undefined).then(() => this.rebuild());
    this.queue = next;
    return next;
  }

  private async rebuild(): Promise<MaterialSet> {
    const generation = await materialsGeneration(this.db);
    if (this.current && generation === this.generation) return this.current;
    const started = performance.now();
    const set = await buildMaterialSet(await loadMatchableSource(this.db));
    this.current = set;
    this.generation = generation;
    this.options.onSwap?.(set, generation, performance.now() - started);
    return set;
  }

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.refresh()
        .catch((err: Error) => this.options.onError?.(err))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs ?? 1000);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.queue.catch(() => undefined);
  }
}
