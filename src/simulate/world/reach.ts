// How many views a content item has: it approaches its reach exponentially with age (most views come
// in the first hours). A factor scales the growth from the moment it changes, which is how removal
// (0), limited reach and age gates act on the views still to come.
import type { ReachState } from './model.js';

export function viewsAt(state: ReachState, ageMs: number): number {
  const age = Math.max(ageMs, state.sinceAgeMs);
  const grown = state.reach * (Math.exp(-state.sinceAgeMs / state.tauMs) - Math.exp(-age / state.tauMs));
  // The epsilon keeps floating-point noise from losing a whole view at the limit.
  return Math.floor(state.base + state.factor * grown + 1e-6);
}

/** Views at `ageMs` had the factor never changed from 1: what no action would have let happen. */
export function unhinderedViewsAt(state: ReachState, ageMs: number): number {
  return Math.floor(state.reach * (1 - Math.exp(-Math.max(0, ageMs) / state.tauMs)));
}

/** Changes the growth factor from `ageMs` on, keeping the views counted so far. */
export function setReachFactor(state: ReachState, ageMs: number, factor: number): void {
  const now = Math.max(ageMs, state.sinceAgeMs);
  state.base = viewsAt(state, now);
  state.sinceAgeMs = now;
  state.factor = factor;
}

export function newReach(reach: number, tauMs: number): ReachState {
  return { reach, tauMs, base: 0, sinceAgeMs: 0, factor: 1 };
}
