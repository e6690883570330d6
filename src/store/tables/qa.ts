// Table types of the QA tables (see migration 012); merged into Tables in ../schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface QaGoldenItemsTable {
  id: Generated<number>;
  entity_type: string;
  entity_id: string;
  policy_id: string;
  expected_policy: string | null;
  notes: Generated<string>;
  created_by: string;
  created_at: Timestamp;
  archived: Generated<boolean>;
}

export type DoubleReviewStatus = 'collecting' | 'agreed' | 'adjudicating' | 'decided';

export interface QaDoubleReviewsTable {
  verdict_id: number;
  entity_type: string;
  entity_id: string;
  task_policy: string | null;
  k: number;
  reason: 'sampled' | 'severe' | 'manual';
  status: Generated<DoubleReviewStatus>;
  outcome_policy: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_notes: Generated<string>;
  corrected_action_seqs: Generated<number[]>;
}

export interface QaTables {
  qa_golden_items: QaGoldenItemsTable;
  qa_double_reviews: QaDoubleReviewsTable;
}
