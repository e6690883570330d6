// Decisions as the console reads them (src/server/routes/strategies.ts, DecisionSchema; the evidence is
// written by src/strategies/pipeline/evaluate.ts and consumer.ts).

export const DECISION_MODES = ['live', 'rollout', 'shadow'] as const;

export interface PlannedAction {
  verb: string;
  entity: { type: string; id: string };
  label?: string;
  queue?: string;
  priority?: number;
  reason?: string;
  durationMs?: number;
  message?: string;
}

export interface ConditionStep {
  expr: string;
  line: number;
  col: number;
  value: unknown;
}

export interface CounterValue {
  counter: string;
  key: string | null;
  value: number;
}

export interface SpanHit {
  material_id: number;
  package_id: string;
  package_version?: number;
  policy_id: string;
  severity: number;
  field: string;
  span_start: number | null;
  span_end: number | null;
  matched: string | null;
}

export interface SuppressedAction {
  verb: string;
  entity: { type: string; id: string };
  because: string;
}

export interface DecisionEvidence {
  conditions?: ConditionStep[];
  counters?: CounterValue[];
  hits?: SpanHit[];
  suppressed?: SuppressedAction[];
}

export interface Decision {
  id: number;
  event_seq: number;
  event_id: string;
  event_type: string;
  event_time: string;
  decided_at: string;
  strategy_id: string;
  strategy_version: number;
  rule: string;
  mode: string;
  applied: boolean;
  policy_id: string;
  severity: number;
  entity: { type: string; id: string } | null;
  actions: PlannedAction[];
  evidence: DecisionEvidence;
}

export const decisionPath = (id: number) => `/decisions/${id}`;

/** "remove content:c-3", "enqueue general (60)", "label author "x"". */
export function plannedText(a: PlannedAction): string {
  const extra = [a.label && `“${a.label}”`, a.queue, a.priority !== undefined && `priority ${a.priority}`, a.durationMs && `for ${Math.round(a.durationMs / 60_000)} min`].filter(Boolean).join(' ');
  return `${a.verb}${extra ? ` ${extra}` : ''}`;
}
