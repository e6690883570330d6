// Statements of reasons as the console reads them (src/server/routes/statements.ts): Vigil's record around
// the EU Transparency Database fields, and who may read them.
import { RESTRICTION_OF_VERB } from '../../../src/domain/dsa';

export interface StatementRecord {
  id: number;
  puid: string;
  created_at: string;
  entity: { type: string; id: string };
  policy: string;
  action: string;
  /** Exactly the TDB statement fields. */
  statement: Record<string, unknown> & { decision_facts: string; category: string; application_date: string };
}

export const STATEMENT_READERS = ['admin', 'analyst', 'viewer'];

/** Whether an action of this verb, with or without a policy, has a statement (the server's one list of restricting verbs). */
export const hasStatement = (verb: string, policy: string | null) => policy !== null && Object.prototype.hasOwnProperty.call(RESTRICTION_OF_VERB, verb);

export const statementPath = (id: number) => `/statements?action=${id}`;

/** The labels of the statement fields the panel shows, in order. */
export const FIELD_LABELS: [string, string][] = [
  ['decision_visibility', 'Visibility restriction'],
  ['decision_visibility_other', 'Other visibility restriction'],
  ['end_date_visibility_restriction', 'Visibility restriction ends'],
  ['decision_monetary', 'Monetary restriction'],
  ['end_date_monetary_restriction', 'Monetary restriction ends'],
  ['decision_provision', 'Service restriction'],
  ['end_date_service_restriction', 'Service restriction ends'],
  ['decision_account', 'Account restriction'],
  ['end_date_account_restriction', 'Account restriction ends'],
  ['account_type', 'Account type'],
  ['decision_ground', 'Ground'],
  ['incompatible_content_ground', 'Contractual ground'],
  ['incompatible_content_explanation', 'Explanation'],
  ['decision_ground_reference_url', 'Terms and conditions'],
  ['category', 'Category'],
  ['category_specification', 'Keywords'],
  ['content_type', 'Content type'],
  ['content_type_other', 'Other content type'],
  ['content_language', 'Language'],
  ['content_date', 'Content date'],
  ['application_date', 'Applies from'],
  ['territorial_scope', 'Territorial scope'],
  ['decision_facts', 'Facts and circumstances'],
  ['source_type', 'Source'],
  ['automated_detection', 'Automated detection'],
  ['automated_decision', 'Automated decision'],
  ['puid', 'Platform unique id'],
];

export function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.length > 8 ? `${value.slice(0, 8).join(', ')} … (${value.length})` : value.join(', ');
  return String(value);
}
