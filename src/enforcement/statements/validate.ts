// Checks a statement of reasons against the EU DSA Transparency Database's field rules before Vigil stores
// it, so that every stored statement is one the TDB API accepts as is. A statement Vigil built that fails
// here is a bug in the builder, never the user's input: recordStatements throws.
//
// What the TDB requires (schema v2, in force since July 2025). Sources:
//   [API]  https://transparency.dsa.ec.europa.eu/page/api-documentation ("Statement Attributes"), also kept in
//          the TDB repository github.com/digital-services-act/transparency-database as the page's source.
//   [RULES] the same repository, app/Services/GroupedSubmissionsService.php multi_rules() and
//          app/Http/Requests/StatementStoreRequest.php rules(): the Laravel validation rules the API runs.
//   [EXPL] https://transparency.dsa.ec.europa.eu/page/additional-explanation-for-statement-attributes
// - At least one restriction: decision_visibility (an array, ≥1 of DECISION_VISIBILITY_*), decision_monetary,
//   decision_provision or decision_account; each "required_without_all" of the other three [API][RULES].
// - decision_visibility_other: required when DECISION_VISIBILITY_OTHER is in decision_visibility, excluded
//   otherwise, ≤500. decision_monetary_other: same with DECISION_MONETARY_OTHER, ≤500 [RULES].
// - account_type: optional, ACCOUNT_TYPE_BUSINESS | ACCOUNT_TYPE_PRIVATE [RULES].
// - decision_ground: required, DECISION_GROUND_ILLEGAL_CONTENT | DECISION_GROUND_INCOMPATIBLE_CONTENT.
//   illegal_content_legal_ground (≤500) and illegal_content_explanation (≤2000): required_if the ground is
//   illegal content, excluded unless it is. incompatible_content_ground (≤500) and
//   incompatible_content_explanation (≤2000): the same for incompatible content; incompatible_content_illegal
//   optional "Yes" | "No", only with incompatible content [API][RULES].
// - decision_ground_reference_url: optional URL, ≤500 [RULES].
// - content_type: required array of CONTENT_TYPE_*; content_type_other required when CONTENT_TYPE_OTHER is
//   in it, excluded otherwise, ≤500 [RULES].
// - category: required, one of the v2 STATEMENT_CATEGORY_*; category_addition optional array of the same;
//   category_specification optional array of KEYWORD_*; category_specification_other ≤500, "can be provided
//   if KEYWORD_OTHER is part of the category_specification" [API][RULES].
// - territorial_scope: "a required attribute", an array of EU/EEA 2-letter codes (EuropeanCountriesService:
//   the 27 EU states with GR for Greece, plus IS, LI, NO) [API]. The rules mark it nullable; Vigil always sends it.
// - content_language: optional, an upper-case ISO 639-1 code [API].
// - content_date: required, YYYY-MM-DD, 2000-01-01 ≤ date ≤ 2038-01-01. application_date: required,
//   YYYY-MM-DD, 2020-01-01 ≤ date ≤ 2038-01-01. end_date_visibility_restriction, _monetary_, _service_,
//   _account_restriction: optional YYYY-MM-DD ≤ 2038-01-01, "after or equal to the application date"
//   [API][RULES]; blank means indefinite [EXPL].
// - decision_facts: required, ≤5000. source_type: required, SOURCE_ARTICLE_16 | SOURCE_TRUSTED_FLAGGER |
//   SOURCE_TYPE_OTHER_NOTIFICATION | SOURCE_VOLUNTARY; source_identity optional ≤500, "will not be taken into
//   account if the source_type is SOURCE_VOLUNTARY" [API][RULES].
// - automated_detection: required "Yes" | "No"; automated_decision: required AUTOMATED_DECISION_FULLY |
//   _PARTIALLY | _NOT_AUTOMATED [API][RULES].
// - puid: required, ≤500, only a-z A-Z 0-9 - _ (regex ^[a-zA-Z0-9-_]+$), unique within the platform [API][RULES].
// - Text limits are Laravel `max` on strings: characters (code points), not bytes.
// - There is no field for redress or appeal: early drafts of the schema had `redress`/`redress_more`, the
//   schema in force has none, so a statement carries no appeal information.
// - A batch (POST /api/v1/statements) holds at most 100 statements [API].
// Vigil is stricter than the TDB in two ways, both so that what it sends means what it says: a field the TDB
// would silently drop ("exclude_unless", source_identity with SOURCE_VOLUNTARY) is refused here, and so is
// any field the schema does not have.
import {
  ACCOUNT_TYPES,
  AUTOMATED_DECISIONS,
  CONTENT_LANGUAGES,
  CONTENT_TYPES,
  DECISION_ACCOUNTS,
  DECISION_GROUNDS,
  DECISION_MONETARIES,
  DECISION_PROVISIONS,
  DECISION_VISIBILITIES,
  SOURCE_TYPES,
  TDB_CATEGORIES,
  TDB_DATES,
  TDB_KEYWORDS,
  TDB_LIMITS,
  TERRITORIAL_SCOPE_CODES,
  YES_NO,
} from '../../domain/dsa.js';
import { TDB_FIELDS } from './types.js';

export class InvalidStatementError extends Error {
  constructor(readonly problems: string[]) {
    super(`statement of reasons breaks the Transparency Database rules: ${problems.join('; ')}`);
    this.name = 'InvalidStatementError';
  }
}

/** Characters as Laravel counts them (code points). */
export const charLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const PUID = /^[a-zA-Z0-9_-]+$/;
const present = (v: unknown) => v !== undefined && v !== null;
const nonEmptyArray = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0;

/** Every rule the statement breaks (empty: valid). */
export function statementProblems(input: unknown): string[] {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['a statement is a JSON object'];
  const s = input as Record<string, unknown>;
  const known = new Set<string>(TDB_FIELDS);
  for (const k of Object.keys(s)) if (!known.has(k)) problems.push(`${k}: not a field of the statement schema`);

  const oneOf = (field: string, allowed: readonly string[], required: boolean) => {
    const v = s[field];
    if (!present(v)) {
      if (required) problems.push(`${field}: required`);
      return;
    }
    if (typeof v !== 'string' || !allowed.includes(v)) problems.push(`${field}: ${JSON.stringify(v)} is not one of the allowed values`);
  };
  const arrayOf = (field: string, allowed: readonly string[], required: boolean) => {
    const v = s[field];
    if (!present(v)) {
      if (required) problems.push(`${field}: required`);
      return;
    }
    if (!Array.isArray(v)) return problems.push(`${field}: must be an array`);
    if (required && v.length === 0) problems.push(`${field}: required (at least one value)`);
    for (const x of v) if (typeof x !== 'string' || !allowed.includes(x)) problems.push(`${field}: ${JSON.stringify(x)} is not one of the allowed values`);
    if (new Set(v).size !== v.length) problems.push(`${field}: a value is repeated`);
  };
  const text = (field: keyof typeof TDB_LIMITS, required: boolean) => {
    const v = s[field];
    if (!present(v)) {
      if (required) problems.push(`${field}: required`);
      return;
    }
    if (typeof v !== 'string') return problems.push(`${field}: must be text`);
    if (required && v.trim() === '') problems.push(`${field}: required (it is blank)`);
    if (charLength(v) > TDB_LIMITS[field]) problems.push(`${field}: longer than ${TDB_LIMITS[field]} characters`);
  };
  /** A field that is only allowed when `when` holds, and then required (or optional) too. */
  const conditional = (field: keyof typeof TDB_LIMITS, when: boolean, because: string, required = true) => {
    if (when) text(field, required);
    else if (present(s[field])) problems.push(`${field}: only allowed when ${because}`);
  };
  const date = (field: string, required: boolean, from?: string) => {
    const v = s[field];
    if (!present(v)) {
      if (required) problems.push(`${field}: required`);
      return false;
    }
    if (!isDate(v)) {
      problems.push(`${field}: must be a date written YYYY-MM-DD`);
      return false;
    }
    if (from && v < from) problems.push(`${field}: must be on or after ${from}`);
    if (v > TDB_DATES.until) problems.push(`${field}: must be on or before ${TDB_DATES.until}`);
    return true;
  };

  // Restrictions: at least one of the four.
  const visibility = s.decision_visibility;
  const hasVisibility = nonEmptyArray(visibility);
  if (!hasVisibility && !present(s.decision_monetary) && !present(s.decision_provision) && !present(s.decision_account))
    problems.push('decision_visibility, decision_monetary, decision_provision or decision_account: at least one restriction is required');
  if (present(visibility)) arrayOf('decision_visibility', DECISION_VISIBILITIES, true);
  conditional('decision_visibility_other', Array.isArray(visibility) && visibility.includes('DECISION_VISIBILITY_OTHER'), 'decision_visibility has DECISION_VISIBILITY_OTHER');
  oneOf('decision_monetary', DECISION_MONETARIES, false);
  conditional('decision_monetary_other', s.decision_monetary === 'DECISION_MONETARY_OTHER', 'decision_monetary is DECISION_MONETARY_OTHER');
  oneOf('decision_provision', DECISION_PROVISIONS, false);
  oneOf('decision_account', DECISION_ACCOUNTS, false);
  oneOf('account_type', ACCOUNT_TYPES, false);

  // Grounds.
  oneOf('decision_ground', DECISION_GROUNDS, true);
  const illegal = s.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT';
  const incompatible = s.decision_ground === 'DECISION_GROUND_INCOMPATIBLE_CONTENT';
  conditional('illegal_content_legal_ground', illegal, 'decision_ground is DECISION_GROUND_ILLEGAL_CONTENT');
  conditional('illegal_content_explanation', illegal, 'decision_ground is DECISION_GROUND_ILLEGAL_CONTENT');
  conditional('incompatible_content_ground', incompatible, 'decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT');
  conditional('incompatible_content_explanation', incompatible, 'decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT');
  if (present(s.incompatible_content_illegal)) {
    if (!incompatible) problems.push('incompatible_content_illegal: only allowed when decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT');
    else oneOf('incompatible_content_illegal', YES_NO, false);
  }
  if (present(s.decision_ground_reference_url)) {
    text('decision_ground_reference_url', false);
    const url = s.decision_ground_reference_url;
    if (typeof url === 'string' && !isUrl(url)) problems.push('decision_ground_reference_url: must be an absolute http(s) URL');
  }

  // Category and content.
  oneOf('category', TDB_CATEGORIES, true);
  arrayOf('category_addition', TDB_CATEGORIES, false);
  arrayOf('category_specification', TDB_KEYWORDS, false);
  const specification = s.category_specification;
  conditional('category_specification_other', Array.isArray(specification) && specification.includes('KEYWORD_OTHER'), 'category_specification has KEYWORD_OTHER', false);
  arrayOf('content_type', CONTENT_TYPES, true);
  const contentType = s.content_type;
  conditional('content_type_other', Array.isArray(contentType) && contentType.includes('CONTENT_TYPE_OTHER'), 'content_type has CONTENT_TYPE_OTHER');
  oneOf('content_language', CONTENT_LANGUAGES, false);
  arrayOf('territorial_scope', TERRITORIAL_SCOPE_CODES, true);

  // Dates.
  date('content_date', true, TDB_DATES.contentFrom);
  const hasApplication = date('application_date', true, TDB_DATES.applicationFrom);
  for (const end of ['end_date_visibility_restriction', 'end_date_monetary_restriction', 'end_date_service_restriction', 'end_date_account_restriction']) {
    if (date(end, false) && hasApplication && (s[end] as string) < (s.application_date as string)) problems.push(`${end}: must be on or after the application_date`);
  }

  // Facts, source, automation, identifier.
  text('decision_facts', true);
  oneOf('source_type', SOURCE_TYPES, true);
  if (present(s.source_identity)) {
    if (s.source_type === 'SOURCE_VOLUNTARY') problems.push('source_identity: not taken into account with SOURCE_VOLUNTARY, so not sent');
    else text('source_identity', false);
  }
  oneOf('automated_detection', YES_NO, true);
  oneOf('automated_decision', AUTOMATED_DECISIONS, true);
  text('puid', true);
  if (typeof s.puid === 'string' && s.puid !== '' && !PUID.test(s.puid)) problems.push('puid: only letters a-z and A-Z, digits, "-" and "_" are allowed');
  return problems;
}

function isUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Throws InvalidStatementError naming every broken rule. */
export function assertValidStatement(statement: unknown): void {
  const problems = statementProblems(statement);
  if (problems.length) throw new InvalidStatementError(problems);
}
