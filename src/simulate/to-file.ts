// `vigil simulate --out events.ndjson`: a whole run, as fast as possible, into a replayable NDJSON
// file with its media folder beside it and its ground truth in a separate file.
import type { ActionSource } from './actions.js';
import type { SimulationConfig } from './config.js';
import { groundTruthPathBeside } from './ground-truth.js';
import { createSimulation } from './simulation.js';
import { mediaDirectoryFor, ndjsonFileSink } from './sinks/ndjson-file.js';
import type { SimulationStats } from './stats.js';

export interface SimulateToFileOptions {
  out: string;
  config?: Partial<SimulationConfig>;
  actions?: ActionSource;
  signal?: AbortSignal;
  onProgress?: (progress: { simulatedTime: string; events: number }) => void;
}

export interface SimulateToFileResult {
  stats: SimulationStats;
  eventsPath: string;
  mediaDirectory: string;
  groundTruthPath: string;
}

export async function simulateToFile(options: SimulateToFileOptions): Promise<SimulateToFileResult> {
  const simulation = createSimulation({ ...options.config, speed: 'max' });
  const sink = ndjsonFileSink(options.out);
  const groundTruthPath = groundTruthPathBeside(options.out);
  let stats: SimulationStats;
  try {
    stats = await simulation.run({ sink, actions: options.actions, signal: options.signal, groundTruthPath, onProgress: options.onProgress });
  } finally {
    await sink.close();
  }
  return { stats, eventsPath: options.out, mediaDirectory: mediaDirectoryFor(options.out), groundTruthPath };
}
