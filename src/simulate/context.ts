// What behaviours see of the running simulation: the world, time, randomness, and the ways to act
// (emit an event, schedule something later, store media, record ground truth). The engine
// implements it; behaviours stay functions of (context, subject).
import type { VigilEvent } from '../domain/index.js';
import type { SimulationConfig } from './config.js';
import type { Happening } from './agenda.js';
import type { GroundTruthRecorder } from './ground-truth.js';
import type { IdMint } from './ids.js';
import type { KnownBadImage } from './media/images.js';
import type { MediaKind } from './sinks/sink.js';
import type { Random } from './random.js';
import type { StatsCollector } from './stats.js';
import type { World } from './world/world.js';

export interface SimContext {
  readonly config: SimulationConfig;
  readonly world: World;
  readonly ids: IdMint;
  /** Decisions of behaviours (who does what, when). */
  readonly random: Random;
  /** Text composition, separate so wording changes do not reshuffle behaviour. */
  readonly textRandom: Random;
  /** Image generation. */
  readonly mediaRandom: Random;
  readonly startMs: number;
  readonly endMs: number;
  /** Simulated time of the happening being run. */
  readonly now: number;
  readonly knownBadImages: readonly (KnownBadImage & { pdq: string })[];
  readonly truth: GroundTruthRecorder;
  readonly stats: StatsCollector;
  nextEventId(): string;
  emit(event: VigilEvent): void;
  schedule(atMs: number, happening: Happening): void;
  /** Hands media bytes to the sink before any event refers to them. */
  storeMedia(bytes: Buffer, kind: MediaKind, mime: string, sha256: string): Promise<void>;
}
