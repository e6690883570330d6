// Vigil's dispatcher in the simulation: every task carries the computed priority of value.ts (harm
// averted per review-minute plus deadline pressure), refreshed each tick because deadline pressure grows
// and a live stream's audience moves; whenever moderators are free, one assignment round hands the
// waiting tasks and the free moderators, in the solver's own shapes, to a `Solver`.
//
// Capacity-following thresholds (optional, off unless asked for): when the queue holds more work than the
// on-shift team can review before a task's deadline, a task projected to miss it whose model score is
// near-certain (>= action) is actioned, or near-zero (<= dismiss) dismissed, without review. Kept apart
// so the figures show what the matching alone gives.
import type { ModeratorState, RoundResult, WaitingTask } from '../assignment/types.js';
import { computePriority, DEFAULT_PRIORITY_CONFIG, expectedHandleSeconds, type PriorityConfig } from '../value.js';
import { eligible } from '../assignment/eligibility.js';
import type { AutoDecision, Dispatcher, ModRun, Pick, TaskRun } from './engine.js';
import { reachAt, type SimTask } from './model.js';

export type Solver = (tasks: WaitingTask[], moderators: ModeratorState[], now: number) => RoundResult;

export interface Thresholds {
  action: number;
  dismiss: number;
  /** Simulated ms between threshold passes (each sorts the queue, so not every tick). */
  everyMs: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { action: 0.97, dismiss: 0.03, everyMs: 60_000 };

export interface VigilOptions {
  solver: Solver;
  /**
   * Skip a round that cannot assign anything: the last round assigned nothing (so no waiting task was
   * eligible for any free moderator), no moderator has become free since, no relaxation step has passed,
   * and no task that arrived since is eligible for any free moderator. Priorities moving does not matter:
   * they change which pair is best, not whether one exists. Simulation speed only (default on); a test
   * pins equal outcomes with it off.
   */
  skipIdleRounds?: boolean;
  priority?: PriorityConfig;
  thresholds?: Thresholds | null;
  name?: string;
}

export function priorityNow(t: SimTask, now: number, c: PriorityConfig = DEFAULT_PRIORITY_CONFIG) {
  return computePriority(
    { evidence: { modelScore: t.score }, tier: t.tier, reach: reachAt(t, now), modality: t.modality, mediaSeconds: t.mediaSeconds, createdAt: t.arrival, deadline: t.deadline, now },
    c,
  );
}

interface Entry {
  run: TaskRun;
  /** The time-invariant part of the priority, for items whose reach does not move (not live). */
  base: number;
}

export function vigilDispatcher(opts: VigilOptions): Dispatcher {
  const c = opts.priority ?? DEFAULT_PRIORITY_CONFIG;
  const entries: Entry[] = [];
  const views: WaitingTask[] = []; // parallel to entries: exactly what the solver sees
  const at = new Map<number, number>(); // task id -> index in entries
  let lastThresholdPass = -Infinity;
  // What the last round saw when it assigned nothing, so an identical round can be skipped.
  let empty: { at: number; idle: Set<string> } | null = null;
  let arrivedSince: TaskRun[] = [];

  const pointless = (idle: readonly ModRun[], now: number): boolean => {
    if (!empty || opts.skipIdleRounds === false) return false;
    const was = empty;
    if (!idle.every((m) => was.idle.has(m.mod.id))) return false;
    if (arrivedSince.some((t) => idle.some((m) => eligible(t.view, m.state, now)))) return false;
    for (const v of views) {
      for (const step of v.relaxation) {
        const at = v.createdAt + step.afterMs;
        if (step.afterMs > 0 && was.at < at && at <= now) return false;
      }
    }
    return true;
  };

  const remove = (id: number) => {
    const i = at.get(id)!;
    const last = entries.length - 1;
    entries[i] = entries[last];
    views[i] = views[last];
    at.set(entries[i].run.sim.id, i);
    entries.pop();
    views.pop();
    at.delete(id);
  };

  const refresh = (e: Entry, now: number) => {
    const t = e.run.sim;
    if (t.live) {
      e.run.view.priority = priorityNow(t, now, c).priority;
      return;
    }
    // Same deadline pressure as computePriority (a test pins the two equal), without recomputing logs.
    const elapsed = Math.min(2, Math.max(0, (now - t.arrival) / Math.max(1, t.deadline - t.arrival)));
    e.run.view.priority = e.base + c.deadlineWeight * elapsed * elapsed;
  };

  function thresholdPass(now: number, onShift: number, th: Thresholds): AutoDecision[] {
    if (!onShift) return [];
    const order = entries.slice().sort((a, b) => b.run.view.priority - a.run.view.priority || a.run.sim.id - b.run.sim.id);
    const out: AutoDecision[] = [];
    let aheadMs = 0; // review work queued ahead, in moderator-ms, at Vigil's own handle estimates
    for (const e of order) {
      const t = e.run.sim;
      const handle = expectedHandleSeconds(t.modality, t.mediaSeconds, c) * 1000;
      const projected = now + (aheadMs + handle) / onShift;
      if (projected > t.deadline && (t.score >= th.action || t.score <= th.dismiss)) {
        out.push({ task: e.run, action: t.score >= th.action });
        remove(t.id);
      } else aheadMs += handle;
    }
    return out;
  }

  return {
    name: opts.name ?? (opts.thresholds ? 'vigil+thresholds' : 'vigil'),
    get waiting() {
      return entries.length;
    },
    arrive(run, now) {
      const parts = priorityNow(run.sim, now, c);
      run.view.priority = parts.priority;
      at.set(run.sim.id, entries.length);
      entries.push({ run, base: parts.priority - parts.deadlinePressure });
      views.push(run.view);
      arrivedSince.push(run);
    },
    dispatch(idle: readonly ModRun[], now: number): Pick[] {
      if (pointless(idle, now)) return [];
      const byId = new Map(idle.map((m) => [m.mod.id, m]));
      const result = opts.solver(views, idle.map((m) => m.state), now);
      arrivedSince = [];
      empty = result.assignments.length ? null : { at: now, idle: new Set(byId.keys()) };
      const picks: Pick[] = [];
      for (const a of result.assignments) {
        const i = at.get(a.taskId);
        const mod = byId.get(a.moderatorId);
        if (i === undefined || !mod) throw new Error(`solver returned unknown task ${a.taskId} or moderator ${a.moderatorId}`);
        picks.push({ task: entries[i].run, mod });
        remove(a.taskId);
      }
      return picks;
    },
    tick(now, team) {
      for (const e of entries) refresh(e, now);
      const th = opts.thresholds;
      if (!th || now - lastThresholdPass < th.everyMs) return [];
      lastThresholdPass = now;
      return thresholdPass(now, team.onShift, th);
    },
  };
}
