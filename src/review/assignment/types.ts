// The shapes one assignment round works on: waiting tasks with what they need, moderators with what
// they can do and how much they may still take. Pure data; the router fills it from the store, the
// review-sim benchmark from its simulated workforce, so both exercise the same solver.

/** Language proficiency, weakest first; a requirement is met by the level or any stronger one. */
export const PROFICIENCIES = ['basic', 'fluent', 'native'] as const;
export type Proficiency = (typeof PROFICIENCIES)[number];

/** After `afterMs` of waiting a task needs only `level` in its language (a native requirement relaxes to fluent after ten minutes, say). */
export interface RelaxationStep {
  afterMs: number;
  level: Proficiency;
}

export interface WaitingTask {
  id: number;
  /** Expected harm averted per review-minute (the computed priority), > 0. */
  priority: number;
  createdAt: number; // epoch ms
  deadline: number; // epoch ms
  language: string | null;
  policy: string | null;
  modality: string | null;
  /** Harm category charged against a moderator's exposure budget (graphic_violence, self_harm, ...), or null. */
  harm: string | null;
  /** The language requirement over time; empty means any moderator may take it whatever their languages. */
  relaxation: readonly RelaxationStep[];
  /** A moderator who must not get it (the one who decided what is appealed, or QA's first reviewer). */
  excluded: readonly string[];
}

export interface ModeratorState {
  id: string;
  /** Tasks they can still take in this round (capacity minus what they hold). */
  free: number;
  languages: Readonly<Record<string, Proficiency>>;
  /** Policies with an unexpired certification; a task with a policy needs it. */
  certified: ReadonlySet<string>;
  /** Expected accuracy per policy (0..1), a posterior from QA and appeals; `accuracy` when a policy is absent. */
  accuracyByPolicy: Readonly<Record<string, number>>;
  accuracy: number;
  /** Expected handle time per modality in ms; `handleMs` when a modality is absent. */
  handleMsByModality: Readonly<Record<string, number>>;
  handleMs: number;
  /** Items each harm category may still show them this shift; a category absent here is unlimited. */
  exposureLeft: Readonly<Record<string, number>>;
}

export interface Assignment {
  taskId: number;
  moderatorId: string;
}

export interface RoundResult {
  assignments: Assignment[];
  /** The objective the round maximised, summed over its assignments. */
  value: number;
}
