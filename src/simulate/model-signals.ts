// Simulated platform models: the scores a platform's own classifiers would send with its events. The
// simulator knows what is really violating, so it can play a model that is right about three times in
// four: high scores for most violating items of the model's policy, low ones otherwise. Used where a
// benchmark or a demo needs `signals` on events (the simulator's events carry none by default).
import type { EventType, VigilEvent } from '../domain/index.js';
import { createSimulation, type RunOptions } from './simulation.js';
import { memoryGroundTruth, type ContentTruth } from './ground-truth.js';
import { memorySink } from './sinks/sink.js';
import { Random } from './random.js';
import type { SimulationConfig } from './config.js';

/** Model name and the policy it detects, per event type. */
export const SIMULATED_MODELS: Partial<Record<EventType, readonly [string, string][]>> = {
  'content.created': [['nudity', 'adult'], ['violence', 'violence'], ['self_harm', 'self_harm'], ['minor_risk', 'minor_safety']],
  comment: [['toxicity', 'harassment'], ['hate_speech', 'hate'], ['spam_model', 'spam'], ['scam_model', 'scam']],
};

/** Runs a simulation to memory and returns its events with simulated model scores attached (seeded). */
export async function simulateWithModelScores(config: Partial<SimulationConfig> & { seed: number }, run: Omit<RunOptions, 'sink' | 'groundTruth'> = {}): Promise<VigilEvent[]> {
  const sink = memorySink();
  const truth = memoryGroundTruth();
  await createSimulation(config).run({ ...run, sink, groundTruth: truth });
  const content = new Map<string, ContentTruth>();
  for (const r of truth.records) if (r.kind === 'content') content.set(r.id, r);
  const r = new Random(config.seed).fork('signals');
  for (const e of sink.events) {
    const models = SIMULATED_MODELS[e.type];
    if (!models || !('content' in e) || !e.content) continue;
    const t = content.get(e.content.id);
    const signals: Record<string, number> = {};
    for (const [name, policy] of models) {
      const v = t?.policies.includes(policy as never) && r.chance(0.75) ? 0.6 + 0.4 * Math.sqrt(r.next()) : r.next() ** 20;
      signals[name] = Math.round(v * 1000) / 1000;
    }
    e.signals = signals;
  }
  return sink.events;
}
