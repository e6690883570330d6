// One comparison at one load: a workforce, a workload sized so that offered work / staffed capacity hits
// the load asked for, and each dispatcher run over the very same tasks and team.
import { expectedHandleSeconds } from '../value.js';
import { simulate, type Dispatcher, type SimOptions } from './engine.js';
import { measure, type Metrics } from './metrics.js';
import type { SimModerator, Workload } from './model.js';
import { generateWorkforce, meanSpeed, staffedSeconds } from './workforce.js';
import { generateWorkload, meanTaskSeconds } from './workload.js';

export interface ScenarioSpec {
  seed: number;
  moderators: number;
  horizon: number; // ms
  /** Offered work / staffed capacity, e.g. 0.8, 1.0, 1.2. */
  load: number;
}

/** Offered work: each task's expected handle seconds at the team's mean speed for its modality. */
export function offeredSeconds(w: Workload, team: readonly SimModerator[]): number {
  const speed = meanSpeed(team);
  return w.tasks.reduce((s, t) => s + expectedHandleSeconds(t.modality, t.mediaSeconds) * speed[t.modality], 0);
}

export function buildScenario(spec: ScenarioSpec): { team: SimModerator[]; workload: Workload; realizedLoad: number } {
  const team = generateWorkforce({ seed: spec.seed, size: spec.moderators, horizon: spec.horizon });
  const capacity = staffedSeconds(team);
  const speed = meanSpeed(team);
  const meanSpeedAll = Object.values(speed).reduce((a, b) => a + b, 0) / Object.values(speed).length;
  const ratePerHour = (spec.load * capacity) / (meanTaskSeconds() * meanSpeedAll) / (spec.horizon / 3_600_000);
  const workload = generateWorkload({ seed: spec.seed + 1, horizon: spec.horizon, ratePerHour, moderatorIds: team.map((m) => m.id) });
  return { team, workload, realizedLoad: offeredSeconds(workload, team) / capacity };
}

export interface Compared {
  load: number;
  realizedLoad: number;
  tasks: number;
  results: Record<string, Metrics>;
}

export function compare(spec: ScenarioSpec, dispatchers: (() => Dispatcher)[], opts: SimOptions = {}): Compared {
  const { team, workload, realizedLoad } = buildScenario(spec);
  const results: Record<string, Metrics> = {};
  for (const make of dispatchers) {
    const d = make();
    results[d.name] = measure(simulate(workload, team, d, opts));
  }
  return { load: spec.load, realizedLoad, tasks: workload.tasks.length, results };
}
