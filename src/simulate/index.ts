// `vigil simulate`'s engine: a believable short-video / livestream / ads / shop platform, with bad
// actors, that sends Vigil typed events and reacts to Vigil's actions. Deterministic by seed.
//
//   const sim = createSimulation({ seed: 7, accounts: 20_000, days: 1, speed: 60 });
//   const stats = await sim.run({
//     sink: httpSink({ baseUrl, apiKey }),            // or ndjsonFileSink(path), memorySink(), your own
//     actions: httpActionSource({ baseUrl, apiKey }), // closed loop: removals, interrupts, suspensions
//     clock: systemClock(),                           // real time, passed in; needed for numeric speed
//     groundTruthPath: groundTruthPathInDataDir(dataDir),
//     signal,                                         // stops gracefully
//   });
//   await simulateToFile({ out: 'events.ndjson', config: { seed: 7, days: 1 } }); // fastest, replayable
//
// Ground truth (what violates, who is bad, which reports are false) is written apart from Vigil's
// data; only the simulator and the metrics may read it. The demo package's terms are exported here
// so the materials capability can ship them.
export { createSimulation, type Simulation, type RunOptions } from './simulation.js';
export { simulateToFile, type SimulateToFileOptions, type SimulateToFileResult } from './to-file.js';
export { DEFAULT_SIMULATION_CONFIG, resolveConfig, InvalidSimulationConfigError, type SimulationConfig } from './config.js';
export type { SimulationStats } from './stats.js';
export type { EventSink, MediaKind } from './sinks/sink.js';
export { memorySink } from './sinks/sink.js';
export { ndjsonFileSink, mediaDirectoryFor, mediaFileName } from './sinks/ndjson-file.js';
export { httpSink, splitIntoBatches, HttpRejectedError, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, type HttpTransportOptions } from './sinks/http.js';
export { httpActionSource, queueActionSource, type ActionSource, type PlatformAction, type HttpActionSourceOptions } from './actions.js';
export { systemClock, type RealClock } from './time.js';
export { groundTruthPathBeside, groundTruthPathInDataDir } from './ground-truth.js';
export { DEMO_TERMS, DEMO_PACKAGE_ID, demoTermList, type DemoTerm } from './vocabulary/demo-terms.js';
export { knownBadImages, KNOWN_BAD_IMAGE_COUNT, type KnownBadImage } from './media/images.js';
export { KNOWN_BAD_VIDEOS, type KnownBadVideo } from './media/references.js';
export { simulateWithModelScores, SIMULATED_MODELS } from './model-signals.js';
