// Shapes of the review API as the console reads them (kept in step with src/review/*.ts and
// src/server/routes/review.ts by hand).
import type { ActionRecord } from '../actions/types';

export interface EntityRef {
  type: string;
  id: string;
}

export interface MaterialHitView {
  event_id: string;
  field: string;
  package: string;
  material_id: number;
  policy: string;
  severity: number;
  /** [start, end) in Unicode code points of the field's text, or null (media hits). */
  span: [number, number] | null;
  at: string;
}

/** What the moderator holding a task sees: never why it was raised (samples are reviewed blind). */
export interface ReviewView {
  task: { id: number; kind: 'review' | 'appeal'; queue: string; deadline: string; entity: EntityRef; lease: { token: number; expires_at: string | null; holder: string | null } };
  policy: { id: string; name: string; definition: string; severity_tier: number } | null;
  appeal: { id: number; statement: string; appellant: string; at: string; action: ActionRecord } | null;
  hits: MaterialHitView[];
  /** The enforcement a violation applies unless the moderator chooses otherwise. */
  default_actions: VerdictAction[];
  history: { actions: ActionRecord[]; verdicts: { id: number; at: string; policy: string | null; moderator: string }[]; account: EntityRef | null; account_strikes: number };
}

export interface LeaseInfo {
  task_id: number;
  token: number;
  expires_at: string;
}

export interface NextTask {
  lease: LeaseInfo;
  view: ReviewView;
}

export interface VerdictRecord {
  id: number;
  task_id: number;
  at: string;
  moderator: string;
  entity: EntityRef;
  task_policy: string | null;
  policy: string | null;
  actions: ActionRecord[];
  appeal: { id: number; status: 'upheld' | 'overturned' } | null;
}

export const VERDICT_ACTIONS = ['remove', 'age_gate', 'limit_reach', 'demonetize', 'interrupt', 'suspend', 'block', 'strike', 'remove_listing', 'suspend_shop', 'payout_hold'] as const;
export type VerdictAction = (typeof VERDICT_ACTIONS)[number];

/** What a moderator may choose besides the default, per entity type. */
export const ACTION_CHOICES: Record<string, VerdictAction[]> = {
  content: ['remove', 'age_gate', 'limit_reach', 'demonetize', 'strike'],
  livestream: ['interrupt', 'limit_reach', 'strike'],
  account: ['strike', 'suspend', 'limit_reach'],
  shop: ['suspend_shop', 'remove_listing', 'payout_hold', 'strike'],
  device: ['block'],
  payment_instrument: ['block'],
  ip: ['block'],
};

export interface QueueStats {
  queue: string;
  name: string;
  state: string;
  sla_minutes: number;
  open: number;
  leased: number;
  overdue: number;
  oldest_age_s: number | null;
  done_24h: number;
  sla_met_24h: number | null;
  median_handle_s: number | null;
}

export interface FlowHour {
  hour: string;
  raised: number;
  decided: number;
  sla_met: number;
}

export type AppealStatus = 'open' | 'upheld' | 'overturned';

export interface AppealRecord {
  id: number;
  action_seq: number;
  entity: EntityRef;
  appellant: string;
  statement: string;
  at: string;
  status: AppealStatus;
  task_id: number | null;
  decided_at: string | null;
  decided_by: string | null;
}

export interface PrecisionRow {
  key: Record<string, string | number>;
  judged: number;
  confirmed: number;
  precision: number | null;
  interval: { low: number; high: number };
}

export interface PrecisionAnswer {
  by: string;
  confidence: number;
  rows: PrecisionRow[];
}

/** "3 m 20 s", "2 h 5 m", "4 d 3 h": an age or a duration, two units at most. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const two = (a: number, ua: string, b: number, ub: string) => (b ? `${a} ${ua} ${b} ${ub}` : `${a} ${ua}`);
  if (s < 3600) return two(Math.floor(s / 60), 'm', s % 60, 's');
  if (s < 86_400) return two(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'm');
  return two(Math.floor(s / 86_400), 'd', Math.floor((s % 86_400) / 3600), 'h');
}

export const percent = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`);

/** Whether the key may take review tasks. */
export const isModerator = (roles: readonly string[]) => roles.includes('admin') || roles.includes('moderator');
/** Whether the key may pause, drain or resume queues. */
export const canOperateQueues = (roles: readonly string[]) => roles.includes('admin') || roles.includes('analyst');
