// Test support: one small but complete simulation (all ten policies, four languages, images, rings,
// livestreams, reports), run once per test file that needs it.
import type { VigilEvent } from '../../domain/index.js';
import { memoryGroundTruth, type GroundTruthRecord } from '../ground-truth.js';
import { memorySink } from '../sinks/sink.js';
import { createSimulation } from '../simulation.js';
import type { SimulationConfig } from '../config.js';
import type { SimulationStats } from '../stats.js';

export const SMALL_CONFIG: Partial<SimulationConfig> = { seed: 11, accounts: 800, days: 0.25, speed: 'max', badActorShare: 0.15 };

export interface SmallRun {
  events: VigilEvent[];
  truth: GroundTruthRecord[];
  media: ReturnType<typeof memorySink>['media'];
  stats: SimulationStats;
}

export async function smallRun(config: Partial<SimulationConfig> = SMALL_CONFIG): Promise<SmallRun> {
  const sink = memorySink();
  const truth = memoryGroundTruth();
  const stats = await createSimulation(config).run({ sink, groundTruth: truth });
  return { events: sink.events, truth: truth.records, media: sink.media, stats };
}
