// The action log as the console reads it (src/server/routes/actions.ts, src/enforcement/revert.ts).

export interface ActionRecord {
  seq: number;
  at: string;
  entity: { type: string; id: string };
  action: string;
  policy: string | null;
  source: string;
  actor: string;
  reason: string;
  /** When it took effect in platform time: the causing event's time for strategy actions. */
  effective_at: string;
  strategy: { id: string; version: number; decision_id: number | null } | null;
  /** label, queue, priority, duration_ms, message, reverts. */
  details: Record<string, unknown>;
  reverts_seq: number | null;
  reverted_by: number | null;
}

/** What undoes each action that can be undone (INVERSE_ACTIONS); allow, notify, enqueue, interrupt cannot. */
export const INVERSE: Readonly<Record<string, string>> = {
  remove: 'restore',
  block: 'restore',
  limit_reach: 'restore',
  age_gate: 'restore',
  demonetize: 'restore',
  strike: 'restore',
  suspend: 'unsuspend',
  label: 'unlabel',
  unlabel: 'label',
};

/** Whether a revert would be accepted: an undoable action, not itself a revert, not reverted yet. */
export const canRevert = (a: ActionRecord) => Boolean(INVERSE[a.action]) && a.reverts_seq === null && a.reverted_by === null;
