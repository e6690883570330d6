// The discrete-event loop: arrivals, shift starts and ends, decisions coming back, and a periodic tick,
// in time order on a simulated clock. Dispatchers only choose; the engine checks every choice against the
// hard skills (throwing on a breach, so a buggy solver cannot win by cheating), charges exposure budgets,
// draws how long a review takes and whether it is right from the moderator and the task's own luck, and
// records each task's outcome for the metrics.
import type { ModeratorState, Proficiency, WaitingTask } from '../assignment/types.js';
import { expectedHandleSeconds } from '../value.js';
import { eligible } from '../assignment/eligibility.js';
import { EventHeap } from './heap.js';
import {
  EXPOSURE_BUDGET_PER_SHIFT, LANGUAGE_ACCURACY_PENALTY, LANGUAGE_SLOWDOWN, MODALITY_MIX,
  type SimModerator, type SimTask, type Workload,
} from './model.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends Readonly<Record<string, infer V>> ? Record<string, V> : T[K] };
export type LiveModeratorState = Mutable<ModeratorState>;

export interface ModRun {
  index: number;
  mod: SimModerator;
  /** The solver's view of this moderator, kept current (free, exposure left). */
  state: LiveModeratorState;
  onShiftUntil: number;
}

export interface TaskRun {
  sim: SimTask;
  /** The solver's view of this task; a dispatcher may update its priority. */
  view: WaitingTask;
}

export interface Pick {
  task: TaskRun;
  mod: ModRun;
}

export interface AutoDecision {
  task: TaskRun;
  /** true: actioned as violating; false: dismissed. */
  action: boolean;
}

export interface Dispatcher {
  readonly name: string;
  readonly waiting: number;
  arrive(task: TaskRun, now: number): void;
  /** Assignments for idle moderators; the dispatcher drops what it picks from its own queue. */
  dispatch(idle: readonly ModRun[], now: number): Pick[];
  /** Every tick: refresh what changes with time; may decide items without review. */
  tick(now: number, team: { onShift: number }): AutoDecision[];
}

export interface Outcome {
  task: SimTask;
  startedAt: number | null;
  decidedAt: number | null;
  correct: boolean | null;
  by: 'human' | 'auto' | null;
  moderatorId: string | null;
}

export interface SimResult {
  dispatcher: string;
  horizon: number;
  outcomes: Outcome[];
}

/** Mean media seconds per modality, for the per-modality handle time the solver is shown. */
const TYPICAL_MEDIA: Record<string, number> = { video: 40, livestream: 120, audio: 58 };

export function moderatorState(m: SimModerator): LiveModeratorState {
  const handleMsByModality = Object.fromEntries(
    MODALITY_MIX.map(([mod]) => [mod, expectedHandleSeconds(mod, TYPICAL_MEDIA[mod] ?? 0) * 1000 * m.speed[mod]]),
  );
  const values = Object.values(handleMsByModality);
  return {
    id: m.id, free: 0, languages: m.languages, certified: m.certified, accuracyByPolicy: m.accuracyByPolicy,
    accuracy: m.accuracy, handleMsByModality, handleMs: values.reduce((a, b) => a + b, 0) / values.length,
    exposureLeft: { ...EXPOSURE_BUDGET_PER_SHIFT },
  };
}

export function taskView(t: SimTask): WaitingTask {
  return {
    id: t.id, priority: 1, createdAt: t.arrival, deadline: t.deadline, language: t.language, policy: t.policy,
    modality: t.modality, harm: t.harm, relaxation: t.relaxation, excluded: t.excluded,
  };
}

const proficiency = (m: SimModerator, t: SimTask): Proficiency => m.languages[t.language] ?? 'basic';

export function handleMs(m: SimModerator, t: SimTask): number {
  return expectedHandleSeconds(t.modality, t.mediaSeconds) * 1000 * m.speed[t.modality] * LANGUAGE_SLOWDOWN[proficiency(m, t)] * t.handleNoise;
}

export function decidesCorrectly(m: SimModerator, t: SimTask): boolean {
  return t.decisionDraw < m.accuracyByPolicy[t.policy] - LANGUAGE_ACCURACY_PENALTY[proficiency(m, t)];
}

interface ShiftEvent {
  at: number;
  start: boolean;
  mod: number;
}

export interface SimOptions {
  /** Simulated ms between ticks (priority refresh, relaxation, thresholds). */
  tickMs?: number;
}

export function simulate(workload: Workload, team: readonly SimModerator[], dispatcher: Dispatcher, opts: SimOptions = {}): SimResult {
  const tickMs = opts.tickMs ?? 10_000;
  const { tasks, horizon } = workload;
  const mods: ModRun[] = team.map((mod, index) => ({ index, mod, state: moderatorState(mod), onShiftUntil: -1 }));
  const runs: TaskRun[] = tasks.map((sim) => ({ sim, view: taskView(sim) }));
  const outcomes: Outcome[] = tasks.map((task) => ({ task, startedAt: null, decidedAt: null, correct: null, by: null, moderatorId: null }));
  const status = new Uint8Array(tasks.length); // 0 not arrived, 1 waiting, 2 in review, 3 decided
  const busyWith = new Int32Array(mods.length).fill(-1);
  const shifts: ShiftEvent[] = mods
    .flatMap((m) => m.mod.shifts.flatMap((s) => [{ at: s.start, start: true, mod: m.index }, { at: s.end, start: false, mod: m.index }]))
    .sort((a, b) => a.at - b.at || Number(a.start) - Number(b.start) || a.mod - b.mod);
  const idle = new Set<ModRun>(); // insertion order = longest idle first
  const done = new EventHeap();
  let onShift = 0;
  let ai = 0, si = 0, nextTick = 0;
  for (let k = 1; k < tasks.length; k++) if (tasks[k].arrival < tasks[k - 1].arrival) throw new Error('tasks must be sorted by arrival');
  const indexOf = new Map(tasks.map((t, i) => [t.id, i]));

  for (;;) {
    const now = Math.min(ai < tasks.length ? tasks[ai].arrival : Infinity, si < shifts.length ? shifts[si].at : Infinity, done.peekTime(), nextTick);
    if (now >= horizon) break;
    while (si < shifts.length && shifts[si].at === now) {
      const e = shifts[si++];
      const m = mods[e.mod];
      if (e.start) {
        m.onShiftUntil = m.mod.shifts.find((s) => s.start === now)!.end;
        m.state.exposureLeft = { ...EXPOSURE_BUDGET_PER_SHIFT };
        onShift++;
        if (busyWith[m.index] < 0) {
          m.state.free = 1;
          idle.add(m);
        }
      } else {
        onShift--;
        m.state.free = 0;
        idle.delete(m);
      }
    }
    while (done.peekTime() === now) {
      const m = mods[done.pop()];
      const i = busyWith[m.index];
      busyWith[m.index] = -1;
      status[i] = 3;
      outcomes[i].decidedAt = now;
      outcomes[i].correct = decidesCorrectly(m.mod, tasks[i]);
      if (now < m.onShiftUntil) {
        m.state.free = 1;
        idle.add(m);
      }
    }
    while (ai < tasks.length && tasks[ai].arrival === now) {
      status[ai] = 1;
      dispatcher.arrive(runs[ai++], now);
    }
    if (nextTick === now) {
      for (const a of dispatcher.tick(now, { onShift })) {
        const i = indexOf.get(a.task.sim.id)!;
        if (status[i] !== 1) throw new Error(`${dispatcher.name} auto-decided task ${a.task.sim.id}, which is not waiting`);
        status[i] = 3;
        Object.assign(outcomes[i], { decidedAt: now, by: 'auto', correct: a.action === tasks[i].violating });
      }
      nextTick += tickMs;
    }
    if (idle.size && dispatcher.waiting) {
      for (const { task, mod } of dispatcher.dispatch([...idle], now)) {
        const i = indexOf.get(task.sim.id)!;
        if (status[i] !== 1) throw new Error(`${dispatcher.name} assigned task ${task.sim.id}, which is not waiting`);
        if (!idle.has(mod)) throw new Error(`${dispatcher.name} assigned ${mod.mod.id}, who is not idle`);
        if (!eligible(task.view, mod.state, now)) throw new Error(`${dispatcher.name} assigned task ${task.sim.id} to ineligible ${mod.mod.id}`);
        status[i] = 2;
        idle.delete(mod);
        mod.state.free = 0;
        if (task.sim.harm !== null && task.sim.harm in mod.state.exposureLeft) mod.state.exposureLeft[task.sim.harm]--;
        busyWith[mod.index] = i;
        Object.assign(outcomes[i], { startedAt: now, by: 'human', moderatorId: mod.mod.id });
        done.push(now + Math.max(1, Math.round(handleMs(mod.mod, task.sim))), mod.index);
      }
    }
  }
  return { dispatcher: dispatcher.name, horizon, outcomes };
}
