// The shape of a statement of reasons: the EU Transparency Database's JSON fields (what the export sends
// and the validator checks) and the record Vigil keeps around it.
import type {
  AccountType,
  AutomatedDecision,
  ContentType,
  DecisionAccount,
  DecisionGround,
  DecisionMonetary,
  DecisionProvision,
  DecisionVisibility,
  SourceType,
  TdbCategory,
  TdbKeyword,
  TerritorialScopeCode,
  YesNo,
} from '../../domain/dsa.js';

/** One statement as the TDB API takes it (POST /api/v1/statement, or 100 of them to /api/v1/statements). Absent = not sent. */
export interface TdbStatement {
  decision_visibility?: DecisionVisibility[];
  decision_visibility_other?: string;
  end_date_visibility_restriction?: string;
  decision_monetary?: DecisionMonetary;
  decision_monetary_other?: string;
  end_date_monetary_restriction?: string;
  decision_provision?: DecisionProvision;
  end_date_service_restriction?: string;
  decision_account?: DecisionAccount;
  end_date_account_restriction?: string;
  account_type?: AccountType;
  decision_ground: DecisionGround;
  decision_ground_reference_url?: string;
  illegal_content_legal_ground?: string;
  illegal_content_explanation?: string;
  incompatible_content_ground?: string;
  incompatible_content_explanation?: string;
  incompatible_content_illegal?: YesNo;
  category: TdbCategory;
  category_addition?: TdbCategory[];
  category_specification?: TdbKeyword[];
  category_specification_other?: string;
  content_type: ContentType[];
  content_type_other?: string;
  content_language?: string;
  content_date: string;
  territorial_scope: TerritorialScopeCode[];
  application_date: string;
  decision_facts: string;
  source_type: SourceType;
  source_identity?: string;
  automated_detection: YesNo;
  automated_decision: AutomatedDecision;
  puid: string;
}

/** Every field name the TDB statement schema has, in the order the export writes them. */
export const TDB_FIELDS = [
  'decision_visibility',
  'decision_visibility_other',
  'end_date_visibility_restriction',
  'decision_monetary',
  'decision_monetary_other',
  'end_date_monetary_restriction',
  'decision_provision',
  'end_date_service_restriction',
  'decision_account',
  'end_date_account_restriction',
  'account_type',
  'decision_ground',
  'decision_ground_reference_url',
  'illegal_content_legal_ground',
  'illegal_content_explanation',
  'incompatible_content_ground',
  'incompatible_content_explanation',
  'incompatible_content_illegal',
  'category',
  'category_addition',
  'category_specification',
  'category_specification_other',
  'content_type',
  'content_type_other',
  'content_language',
  'content_date',
  'territorial_scope',
  'application_date',
  'decision_facts',
  'source_type',
  'source_identity',
  'automated_detection',
  'automated_decision',
  'puid',
] as const satisfies readonly (keyof TdbStatement)[];

/** A stored statement: the TDB fields and what Vigil knows around them. */
export interface StatementRecord {
  /** The seq of the action it explains. */
  id: number;
  puid: string;
  created_at: string;
  entity: { type: string; id: string };
  policy: string;
  action: string;
  statement: TdbStatement;
}
