// Table types of the review tables (see migration 008); merged into Tables in ../schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Int8 = ColumnType<number, number | bigint, number | bigint>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface ReviewRoutesTable {
  position: number;
  task_kind: string | null;
  policy_id: string | null;
  modality: string | null;
  language: string | null;
  market: string | null;
  severity_tiers: number[] | null;
  queue_id: string;
}

export interface ReviewTasksTable {
  id: Generated<number>;
  kind: 'review' | 'appeal';
  entity_type: string;
  entity_id: string;
  policy_id: string | null;
  queue_id: string;
  status: Generated<'open' | 'done' | 'cancelled'>;
  priority: number;
  severity_tier: number | null;
  deadline: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  modality: string | null;
  language: string | null;
  market: string | null;
  sample_probability: number | null;
  appeal_id: Int8 | null;
  excluded_moderator: string | null;
  lease_holder: string | null;
  lease_token: Generated<Int8>;
  leased_at: Timestamp | null;
  lease_expires_at: Timestamp | null;
  skips: Generated<number>;
  escalations: Generated<number>;
  closed_at: Timestamp | null;
  closed_by: string | null;
  /** A golden item injected blind (migration 012): its verdict is scored, never enforced. */
  golden_item_id: Int8 | null;
  /** A QA re-review of this verdict (migration 012): its verdict is compared, never enforced. */
  qa_of_verdict: Int8 | null;
  /** The moderator the assignment router reserved it for, until when (migration 013). */
  reserved_for: ColumnType<string | null, string | null | undefined, string | null>;
  reserved_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  priority_parts: ColumnType<Record<string, number>, string | undefined, string>;
}

export type SignalSource = 'strategy' | 'report' | 'appeal' | 'qa' | 'measurement' | 'manual';

export interface ReviewSignalsTable {
  id: Generated<number>;
  task_id: Int8;
  at: Timestamp;
  source: SignalSource;
  weight: number;
  action_seq: Int8 | null;
  strategy_id: string | null;
  strategy_version: number | null;
  decision_id: Int8 | null;
  reporter: string | null;
  actor: string;
  reason: Generated<string>;
  details: Json<Record<string, unknown>>;
}

export interface ReviewVerdictsTable {
  id: Generated<number>;
  task_id: Int8;
  at: Timestamp;
  moderator: string;
  entity_type: string;
  entity_id: string;
  task_policy: string | null;
  policy_id: string | null;
  action_seqs: Generated<number[]>;
  notes: Generated<string>;
  handle_ms: number | null;
  lease_token: Int8;
}

export interface ReviewSkipsTable {
  task_id: Int8;
  moderator: string;
  at: Timestamp;
  reason: string;
}

export interface ReportersTable {
  reporter: string;
  reports: Generated<number>;
  upheld: Generated<number>;
  rejected: Generated<number>;
}

export interface AppealsTable {
  id: Generated<number>;
  action_seq: Int8;
  entity_type: string;
  entity_id: string;
  appellant: string;
  statement: string;
  at: Timestamp;
  status: Generated<'open' | 'upheld' | 'overturned'>;
  task_id: Int8 | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
}

export interface ReviewSettingsTable {
  singleton: Generated<boolean>;
  settings: Json<Record<string, unknown>>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface ReviewTables {
  review_routes: ReviewRoutesTable;
  review_tasks: ReviewTasksTable;
  review_signals: ReviewSignalsTable;
  review_verdicts: ReviewVerdictsTable;
  review_skips: ReviewSkipsTable;
  reporters: ReportersTable;
  appeals: AppealsTable;
  review_settings: ReviewSettingsTable;
}
