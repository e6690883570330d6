// The statement validator against the EU Transparency Database's field rules: a valid statement passes,
// and for each rule a statement that breaks it is refused naming the field. The rules are pinned from
// the TDB API documentation (https://transparency.dsa.ec.europa.eu/page/api-documentation, "Statement
// Attributes") and the TDB's own validation rules (github.com/digital-services-act/transparency-database,
// app/Services/GroupedSubmissionsService.php multi_rules()), not from Vigil's code.
import { describe, expect, it } from 'vitest';
import { statementProblems, assertValidStatement, InvalidStatementError } from './validate.js';

/** The API documentation's example payload (schema v2), with a puid Vigil's way. */
const VALID = {
  decision_visibility: ['DECISION_VISIBILITY_CONTENT_DISABLED'],
  decision_monetary: 'DECISION_MONETARY_TERMINATION',
  end_date_monetary_restriction: '2023-08-08',
  decision_provision: 'DECISION_PROVISION_TOTAL_SUSPENSION',
  decision_account: 'DECISION_ACCOUNT_SUSPENDED',
  account_type: 'ACCOUNT_TYPE_BUSINESS',
  decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
  decision_ground_reference_url: 'https://www.anurl.com',
  incompatible_content_ground: 'incompatible content grounds',
  incompatible_content_explanation: 'incompatible content explanation',
  incompatible_content_illegal: 'Yes',
  category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN',
  content_type: ['CONTENT_TYPE_VIDEO', 'CONTENT_TYPE_AUDIO', 'CONTENT_TYPE_SYNTHETIC_MEDIA'],
  territorial_scope: ['PT', 'ES', 'DE'],
  content_language: 'EN',
  content_date: '2023-08-08',
  application_date: '2023-08-08',
  decision_facts: 'facts about the decision',
  source_type: 'SOURCE_TRUSTED_FLAGGER',
  automated_detection: 'No',
  automated_decision: 'AUTOMATED_DECISION_PARTIALLY',
  puid: 'TK421',
} as const;

type S = Record<string, unknown>;
const without = (...fields: string[]): S => {
  const s: S = { ...VALID };
  for (const f of fields) delete s[f];
  return s;
};
const withFields = (changes: S): S => ({ ...VALID, ...changes });
const x = (n: number, c = 'x') => c.repeat(n);
/** The problems name this field. */
const refusedOn = (s: S, field: string) => {
  const problems = statementProblems(s);
  expect(problems.some((p) => p.startsWith(field)), `expected a problem on ${field}, got ${JSON.stringify(problems)}`).toBe(true);
};

describe('statement validator', () => {
  it('accepts the API documentation example and a minimal statement', () => {
    expect(statementProblems(VALID)).toEqual([]);
    const minimal = without('decision_monetary', 'end_date_monetary_restriction', 'decision_provision', 'decision_account', 'account_type', 'decision_ground_reference_url', 'incompatible_content_illegal', 'content_language');
    expect(statementProblems(minimal)).toEqual([]);
    expect(() => assertValidStatement(VALID)).not.toThrow();
  });

  // [API] "Decision Visibility ... mandatory only if the following fields are empty: decision_monetary, decision_provision and decision_account" (and the same for each).
  it('requires at least one of the four restrictions', () => {
    refusedOn(without('decision_visibility', 'decision_monetary', 'end_date_monetary_restriction', 'decision_provision', 'decision_account'), 'decision_visibility, decision_monetary');
    refusedOn(withFields({ decision_visibility: [], decision_monetary: undefined, end_date_monetary_restriction: undefined, decision_provision: undefined, decision_account: undefined }), 'decision_visibility');
    expect(statementProblems(without('decision_visibility', 'decision_monetary', 'end_date_monetary_restriction', 'decision_provision'))).toEqual([]);
  });

  // [RULES] 'decision_ground' => ['required', in:...], 'category' => ['required', ...], 'content_type' => ['array', 'required', ...],
  // 'content_date'/'application_date' => ['required', ...], 'decision_facts' => ['required', ...], 'source_type' => ['required', ...],
  // 'automated_detection'/'automated_decision' => ['required', ...], 'puid' => ['required', ...]; [API] territorial_scope "is a required attribute".
  it.each(['decision_ground', 'category', 'content_type', 'content_date', 'application_date', 'decision_facts', 'source_type', 'automated_detection', 'automated_decision', 'puid', 'territorial_scope'])(
    'requires %s',
    (field) => refusedOn(without(field), field),
  );

  // [API] each limited attribute "must be one of the following" / "in:" rules.
  it.each([
    ['decision_visibility', ['DECISION_VISIBILITY_CONTENT_HIDDEN']],
    ['decision_monetary', 'DECISION_MONETARY_FINE'],
    ['decision_provision', 'DECISION_PROVISION_SUSPENSION'],
    ['decision_account', 'DECISION_ACCOUNT_BANNED'],
    ['account_type', 'ACCOUNT_TYPE_PERSONAL'],
    ['decision_ground', 'DECISION_GROUND_OTHER'],
    ['category', 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE'], // v1 name, renamed in v2
    ['category_addition', ['STATEMENT_CATEGORY_SPAM']],
    ['category_specification', ['KEYWORD_SPAM']],
    ['content_type', ['CONTENT_TYPE_LIVESTREAM']],
    ['territorial_scope', ['PT', 'GB']],
    ['territorial_scope', ['EL']], // Greece is GR in the TDB's list
    ['content_language', 'en'], // upper case ISO 639-1 only
    ['source_type', 'SOURCE_OTHER'],
    ['automated_detection', 'yes'],
    ['automated_detection', true],
    ['automated_decision', 'AUTOMATED_DECISION_YES'],
    ['incompatible_content_illegal', 'Maybe'],
  ])('refuses %s = %j', (field, value) => refusedOn(withFields({ [field]: value }), field));

  it('refuses a field the schema does not have, and a repeated array value', () => {
    refusedOn(withFields({ redress: 'REDRESS_INTERNAL_MECHANISM' }), 'redress');
    refusedOn(withFields({ territorial_scope: ['PT', 'PT'] }), 'territorial_scope');
  });

  // [RULES] decision_visibility_other: requiredIf(DECISION_VISIBILITY_OTHER in decision_visibility), excludeIf(not), max:500.
  it('decision_visibility_other: required with DECISION_VISIBILITY_OTHER, refused without it', () => {
    refusedOn(withFields({ decision_visibility: ['DECISION_VISIBILITY_OTHER'] }), 'decision_visibility_other');
    expect(statementProblems(withFields({ decision_visibility: ['DECISION_VISIBILITY_OTHER'], decision_visibility_other: 'shadow limit' }))).toEqual([]);
    refusedOn(withFields({ decision_visibility_other: 'shadow limit' }), 'decision_visibility_other');
  });

  // [RULES] decision_monetary_other: required_if:decision_monetary,DECISION_MONETARY_OTHER, exclude_unless, max:500.
  it('decision_monetary_other: required with DECISION_MONETARY_OTHER, refused without it', () => {
    refusedOn(withFields({ decision_monetary: 'DECISION_MONETARY_OTHER' }), 'decision_monetary_other');
    expect(statementProblems(withFields({ decision_monetary: 'DECISION_MONETARY_OTHER', decision_monetary_other: 'payout held' }))).toEqual([]);
    refusedOn(withFields({ decision_monetary_other: 'payout held' }), 'decision_monetary_other');
  });

  // [RULES] illegal_content_legal_ground / _explanation: required_if:decision_ground,DECISION_GROUND_ILLEGAL_CONTENT, exclude_unless.
  it('illegal content grounds: required with DECISION_GROUND_ILLEGAL_CONTENT, refused with the other ground', () => {
    const illegal = withFields({ decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT', incompatible_content_ground: undefined, incompatible_content_explanation: undefined, incompatible_content_illegal: undefined });
    refusedOn(illegal, 'illegal_content_legal_ground');
    refusedOn(illegal, 'illegal_content_explanation');
    expect(statementProblems({ ...illegal, illegal_content_legal_ground: 'Art. 1', illegal_content_explanation: 'why' })).toEqual([]);
    refusedOn(withFields({ illegal_content_legal_ground: 'Art. 1' }), 'illegal_content_legal_ground');
    refusedOn({ ...illegal, illegal_content_legal_ground: 'Art. 1', illegal_content_explanation: 'why', incompatible_content_illegal: 'Yes' }, 'incompatible_content_illegal');
  });

  // [RULES] incompatible_content_ground / _explanation: required_if:decision_ground,DECISION_GROUND_INCOMPATIBLE_CONTENT.
  it('incompatible content grounds: required with DECISION_GROUND_INCOMPATIBLE_CONTENT', () => {
    refusedOn(without('incompatible_content_ground'), 'incompatible_content_ground');
    refusedOn(without('incompatible_content_explanation'), 'incompatible_content_explanation');
    refusedOn(withFields({ incompatible_content_ground: '   ' }), 'incompatible_content_ground');
  });

  // [RULES] content_type_other: requiredIf(CONTENT_TYPE_OTHER in content_type), excludeIf(not), max:500.
  it('content_type_other: required with CONTENT_TYPE_OTHER, refused without it', () => {
    refusedOn(withFields({ content_type: ['CONTENT_TYPE_OTHER'] }), 'content_type_other');
    expect(statementProblems(withFields({ content_type: ['CONTENT_TYPE_OTHER'], content_type_other: 'Account' }))).toEqual([]);
    refusedOn(withFields({ content_type_other: 'Account' }), 'content_type_other');
  });

  // [API] "category_specification_other ... can be provided if KEYWORD_OTHER is part of the category_specification."
  it('category_specification_other: only with KEYWORD_OTHER', () => {
    refusedOn(withFields({ category_specification_other: 'spam' }), 'category_specification_other');
    expect(statementProblems(withFields({ category_specification: ['KEYWORD_OTHER'], category_specification_other: 'spam' }))).toEqual([]);
  });

  // [API] source_identity "Will not be taken into account if the 'source_type' is set to 'SOURCE_VOLUNTARY'"; max:500.
  it('source_identity: refused with SOURCE_VOLUNTARY', () => {
    refusedOn(withFields({ source_type: 'SOURCE_VOLUNTARY', source_identity: 'a flagger' }), 'source_identity');
    expect(statementProblems(withFields({ source_identity: 'a flagger' }))).toEqual([]);
  });

  // [API] dates: "YYYY-MM-DD", content_date "after or equal to 2000-01-01", application_date "after or equal to 2020-01-01",
  // end dates "after or equal to the application date"; [RULES] before_or_equal:2038-01-01 on every date.
  it('dates: format, bounds and end dates not before the application date', () => {
    refusedOn(withFields({ application_date: '2023-08-08-10' }), 'application_date'); // v1's Y-m-d-H is gone
    refusedOn(withFields({ application_date: '2023-02-30' }), 'application_date');
    refusedOn(withFields({ application_date: '2019-12-31' }), 'application_date');
    expect(statementProblems(withFields({ application_date: '2020-01-01', content_date: '2020-01-01', end_date_monetary_restriction: '2038-01-01' }))).toEqual([]);
    refusedOn(withFields({ application_date: '2038-01-02' }), 'application_date');
    refusedOn(withFields({ content_date: '1999-12-31' }), 'content_date');
    expect(statementProblems(withFields({ content_date: '2000-01-01' }))).toEqual([]);
    refusedOn(withFields({ end_date_monetary_restriction: '2023-08-07' }), 'end_date_monetary_restriction');
    refusedOn(withFields({ end_date_account_restriction: '2038-01-02' }), 'end_date_account_restriction');
    expect(statementProblems(withFields({ end_date_visibility_restriction: '2023-08-08', end_date_service_restriction: '2024-01-01' }))).toEqual([]);
  });

  // [API] "Limited to N characters" for each free-text field: 500, 2000 or 5000; Laravel counts characters.
  it.each([
    ['decision_facts', 5000, {}],
    ['incompatible_content_ground', 500, {}],
    ['incompatible_content_explanation', 2000, {}],
    ['illegal_content_legal_ground', 500, { decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT', incompatible_content_ground: undefined, incompatible_content_explanation: undefined, incompatible_content_illegal: undefined, illegal_content_explanation: 'why' }],
    ['illegal_content_explanation', 2000, { decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT', incompatible_content_ground: undefined, incompatible_content_explanation: undefined, incompatible_content_illegal: undefined, illegal_content_legal_ground: 'Art. 1' }],
    ['decision_visibility_other', 500, { decision_visibility: ['DECISION_VISIBILITY_OTHER'] }],
    ['decision_monetary_other', 500, { decision_monetary: 'DECISION_MONETARY_OTHER' }],
    ['content_type_other', 500, { content_type: ['CONTENT_TYPE_OTHER'] }],
    ['category_specification_other', 500, { category_specification: ['KEYWORD_OTHER'] }],
    ['source_identity', 500, {}],
    ['puid', 500, {}],
  ] as const)('%s: at most %i characters', (field, max, extra) => {
    expect(statementProblems(withFields({ ...extra, [field]: x(max) }))).toEqual([]);
    refusedOn(withFields({ ...extra, [field]: x(max + 1) }), field);
    // Characters, not bytes: max multi-byte characters pass.
    if (field !== 'puid') expect(statementProblems(withFields({ ...extra, [field]: x(max, 'é') }))).toEqual([]);
  });

  // [RULES] 'decision_ground_reference_url' => ['url', 'nullable', 'max:500'].
  it('decision_ground_reference_url: a URL of at most 500 characters', () => {
    refusedOn(withFields({ decision_ground_reference_url: 'terms of service' }), 'decision_ground_reference_url');
    refusedOn(withFields({ decision_ground_reference_url: `https://example.com/${x(481)}` }), 'decision_ground_reference_url');
  });

  // [RULES] 'puid' => ['required', 'max:500', 'regex:/^[a-zA-Z0-9-_]+$/D'].
  it('puid: letters, digits, - and _ only', () => {
    expect(statementProblems(withFields({ puid: 'vigil-12_A' }))).toEqual([]);
    for (const bad of ['vigil 12', 'vigil/12', 'vigil-12\n', 'vigil.12']) refusedOn(withFields({ puid: bad }), 'puid');
  });

  it('assertValidStatement throws InvalidStatementError with every problem', () => {
    const err = (() => {
      try {
        assertValidStatement(without('category', 'puid'));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InvalidStatementError);
    expect((err as InvalidStatementError).problems).toHaveLength(2);
  });
});
