// The engine: builds the world from the config, runs the agenda in simulated-time order, hands
// events to the sink in batches (paced to `speed` simulated seconds per real second, or as fast as
// the sink takes them), and between batches reads Vigil's actions back and applies them.
import type { VigilEvent } from '../domain/index.js';
import { Agenda, type Happening } from './agenda.js';
import type { ActionSource } from './actions.js';
import { resolveConfig, type SimulationConfig } from './config.js';
import type { SimContext } from './context.js';
import { NO_GROUND_TRUTH, openGroundTruthFile, type GroundTruthRecorder } from './ground-truth.js';
import { IdMint } from './ids.js';
import { knownBadImages, type KnownBadImage } from './media/images.js';
import { KNOWN_BAD_VIDEOS } from './media/references.js';
import { pdqHashImage } from '../materials/pdq/index.js';
import { Random } from './random.js';
import type { EventSink, MediaKind } from './sinks/sink.js';
import { StatsCollector, type SimulationStats } from './stats.js';
import { DAY, HOUR, iso, type RealClock } from './time.js';

/** Content and streams older than this are forgotten (see World.prune). */
const MEMORY_HORIZON_MS = 3 * DAY;
import { applyAction } from './behaviours/enforcement.js';
import { startAccountLife } from './behaviours/sessions.js';
import { generatePopulation } from './world/population.js';
import { World } from './world/world.js';

export interface RunOptions {
  sink: EventSink;
  /** Where Vigil's actions are read back from; without it the world runs open-loop. */
  actions?: ActionSource;
  /** Stop at this simulated time (earlier than start + days). */
  until?: string | Date;
  /** Stops the run gracefully: what was generated so far is sent. */
  signal?: AbortSignal;
  /** Real time, for pacing at a numeric speed (required then) and for action polling intervals. */
  clock?: RealClock;
  /** Ground truth goes here; or give a path and a file is written and closed by the run. */
  groundTruth?: GroundTruthRecorder;
  groundTruthPath?: string;
  /** Events per sink call at most (default 1000). */
  batchSize?: number;
  /** Real milliseconds between action polls in paced runs (default 1000); 'max' runs poll after every batch. */
  actionPollIntervalMs?: number;
  onProgress?: (progress: { simulatedTime: string; events: number }) => void;
}

export interface Simulation {
  readonly config: SimulationConfig;
  /** Runs the simulation once; resolves with its stats when it reaches its end or is aborted. */
  run(options: RunOptions): Promise<SimulationStats>;
  /** Stats so far (also while running). */
  stats(): SimulationStats;
}

class Engine implements SimContext {
  readonly world = new World();
  readonly ids: IdMint;
  readonly random: Random;
  readonly textRandom: Random;
  readonly mediaRandom: Random;
  readonly startMs: number;
  endMs: number;
  now: number;
  knownBadImages: (KnownBadImage & { pdq: string })[] = [];
  truth: GroundTruthRecorder = NO_GROUND_TRUTH;
  readonly stats: StatsCollector;
  private readonly agenda = new Agenda();
  private pending: VigilEvent[] = [];
  private sink?: EventSink;
  private started = false;

  constructor(readonly config: SimulationConfig) {
    const root = new Random(config.seed);
    this.random = root.fork('behaviour');
    this.textRandom = root.fork('text');
    this.mediaRandom = root.fork('media');
    this.ids = new IdMint(config.idPrefix);
    this.startMs = Date.parse(config.start);
    this.endMs = this.startMs + config.days * DAY;
    this.now = this.startMs;
    this.stats = new StatsCollector(iso(this.startMs));
  }

  nextEventId(): string {
    return this.ids.next('e');
  }

  emit(event: VigilEvent): void {
    this.pending.push(event);
    this.stats.event(event.type);
  }

  schedule(atMs: number, happening: Happening): void {
    // Never in the past: a behaviour's "now + delay" is at least now.
    this.agenda.schedule(Math.max(atMs, this.now), happening);
  }

  async storeMedia(bytes: Buffer, kind: MediaKind, mime: string, sha256: string): Promise<void> {
    if (!this.sink?.putMedia) return;
    const stored = await this.sink.putMedia(bytes, kind, mime);
    if (stored.sha256 !== sha256) throw new Error(`media store answered sha256 ${stored.sha256} for bytes whose sha256 is ${sha256}`);
  }

  private async setUp(): Promise<void> {
    const config = this.config;
    const { accounts, rings } = generatePopulation(this.random.fork('population'), this.ids, config, this.startMs, this.endMs - this.startMs);
    this.truth.record({ kind: 'run', seed: config.seed, start: iso(this.startMs), until: iso(this.endMs), idPrefix: config.idPrefix, config: { ...config } });
    if (config.images) {
      for (const image of await knownBadImages()) {
        const { hash, quality } = await pdqHashImage(image.bytes);
        this.knownBadImages.push({ ...image, pdq: hash });
        this.truth.record({ kind: 'known_bad_image', id: image.id, policy: image.policy, sha256: image.sha256, pdq: hash, quality });
      }
    }
    for (const video of KNOWN_BAD_VIDEOS) this.truth.record({ kind: 'known_bad_video', id: video.id, policy: video.policy, sha256: video.sha256 });
    for (const ring of rings) {
      this.world.addRing(ring);
      this.truth.record({ kind: 'ring', id: ring.id, actor: ring.actor, members: ring.members, devices: ring.devices, ips: ring.ips, payments: ring.payments });
    }
    const s = this.stats.s.accounts;
    s.rings = rings.length;
    for (const account of accounts) {
      this.world.addAccount(account);
      this.truth.record({
        kind: 'account',
        id: account.id,
        accountKind: account.kind,
        actor: account.actor,
        ...(account.ringId ? { ring: account.ringId } : {}),
        registeredDuringRun: account.registersAtMs !== undefined,
      });
      s.total++;
      if (account.actor !== 'ordinary') s.bad++;
      if (account.registersAtMs !== undefined) s.registeredDuringRun++;
      startAccountLife(this, account);
    }
    this.schedulePruning(this.startMs + HOUR);
  }

  private schedulePruning(atMs: number): void {
    if (atMs >= this.endMs) return;
    this.schedule(atMs, () => {
      this.world.prune(this.now - MEMORY_HORIZON_MS);
      this.schedulePruning(atMs + HOUR);
    });
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    await this.sink!.send(batch);
  }

  private async applyActions(source: ActionSource, atMs: number): Promise<void> {
    const actions = await source.poll();
    if (actions.length === 0) return;
    this.now = Math.max(this.now, Math.min(atMs, this.agenda.nextTime()));
    for (const action of actions) applyAction(this, action);
  }

  async run(options: RunOptions): Promise<SimulationStats> {
    if (this.started) throw new Error('a simulation runs once; create another for another run');
    this.started = true;
    const config = this.config;
    if (options.until !== undefined) {
      const until = options.until instanceof Date ? options.until.getTime() : Date.parse(options.until);
      if (Number.isNaN(until) || until <= this.startMs) throw new RangeError(`until must be a date-time after the start (${config.start})`);
      this.endMs = Math.min(this.endMs, until);
    }
    const paced = config.speed !== 'max';
    if (paced && !options.clock) throw new TypeError('a paced run (numeric speed) needs a clock');
    const ownTruth = !options.groundTruth && options.groundTruthPath ? openGroundTruthFile(options.groundTruthPath) : undefined;
    this.truth = options.groundTruth ?? ownTruth ?? NO_GROUND_TRUTH;
    this.sink = options.sink;
    const batchSize = options.batchSize ?? 1000;
    const pollEvery = options.actionPollIntervalMs ?? 1000;
    const clock = options.clock;
    try {
      await this.setUp();
      const realStart = clock?.now() ?? 0;
      let lastPoll = realStart;
      for (;;) {
        const horizon = paced ? Math.min(this.endMs, this.startMs + (clock!.now() - realStart) * (config.speed as number)) : this.endMs;
        while (this.pending.length < batchSize && this.agenda.nextTime() <= horizon && this.agenda.nextTime() < this.endMs) {
          const next = this.agenda.take()!;
          this.now = next.time;
          const running = next.run();
          if (running) await running;
          if (options.signal?.aborted) break;
        }
        await this.flush();
        options.onProgress?.({ simulatedTime: iso(this.now), events: this.stats.s.events });
        if (options.actions && (!paced || clock!.now() - lastPoll >= pollEvery)) {
          lastPoll = clock?.now() ?? 0;
          await this.applyActions(options.actions, horizon);
          await this.flush();
        }
        if (options.signal?.aborted || this.agenda.nextTime() >= this.endMs) break;
        if (paced && this.agenda.nextTime() > horizon) {
          const simulatedWait = (Math.min(this.agenda.nextTime(), this.endMs) - horizon) / (config.speed as number);
          await clock!.sleep(Math.max(1, Math.min(simulatedWait, 250)), options.signal);
        }
      }
      if (!options.signal?.aborted) this.now = this.endMs;
      await this.flush();
      this.truth.record({ kind: 'summary', stats: this.stats.snapshot(iso(this.now)) as unknown as Record<string, unknown> });
    } finally {
      await ownTruth?.close();
    }
    return this.stats.snapshot(iso(this.now));
  }
}

/** A simulation of the platform; `config` fills in DEFAULT_SIMULATION_CONFIG. */
export function createSimulation(config: Partial<SimulationConfig> = {}): Simulation {
  const engine = new Engine(resolveConfig(config));
  return {
    config: engine.config,
    run: (options) => engine.run(options),
    stats: () => engine.stats.snapshot(iso(engine.now)),
  };
}
