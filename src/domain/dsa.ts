// The EU DSA Transparency Database (TDB) statement-of-reasons vocabulary: categories, keywords, the
// restriction types, grounds, content types, sources, automation, territorial scope and languages, with
// the schema's text limits. Plain data with no imports, so the console shares these lists with the server.
// Source: the TDB's API documentation (https://transparency.dsa.ec.europa.eu/page/api-documentation), its
// "additional explanation for statement attributes" page and the open-source TDB repository
// (github.com/digital-services-act/transparency-database: app/Models/Statement.php,
// app/Services/GroupedSubmissionsService.php, app/Services/EuropeanCountriesService.php), schema v2 (2025).
// See docs/statements.md.

/**
 * Categories a policy may carry. The first fourteen are the TDB's schema v1 names Vigil has always accepted;
 * v2 dropped or renamed four of them (see LEGACY_CATEGORY_TO_TDB), so a statement always carries the v2
 * name. The last six are v2 only.
 */
export const DSA_CATEGORIES = [
  'STATEMENT_CATEGORY_ANIMAL_WELFARE',
  'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  'STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR',
  'STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT',
  'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  'STATEMENT_CATEGORY_SELF_HARM',
  'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
  'STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS',
  'STATEMENT_CATEGORY_VIOLENCE',
  'STATEMENT_CATEGORY_CONSUMER_INFORMATION',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN',
  'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE',
  'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
  'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
] as const;
export type DsaCategory = (typeof DSA_CATEGORIES)[number];

/** The categories the TDB accepts today (schema v2): `category` and `category_addition`. */
export const TDB_CATEGORIES = [
  'STATEMENT_CATEGORY_ANIMAL_WELFARE',
  'STATEMENT_CATEGORY_CONSUMER_INFORMATION',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN',
  'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE',
  'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
  'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  'STATEMENT_CATEGORY_SELF_HARM',
  'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
  'STATEMENT_CATEGORY_VIOLENCE',
] as const;
export type TdbCategory = (typeof TDB_CATEGORIES)[number];

/** The v2 keywords (`category_specification`). */
export const TDB_KEYWORDS = [
  'KEYWORD_ADULT_SEXUAL_MATERIAL',
  'KEYWORD_AGE_SPECIFIC_RESTRICTIONS',
  'KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS',
  'KEYWORD_ANIMAL_HARM',
  'KEYWORD_BIOMETRIC_DATA_BREACH',
  'KEYWORD_BULLYING_AGAINST_GIRLS',
  'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL',
  'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE',
  'KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS',
  'KEYWORD_COORDINATED_HARM',
  'KEYWORD_COPYRIGHT_INFRINGEMENT',
  'KEYWORD_CYBER_BULLYING_INTIMIDATION',
  'KEYWORD_CYBER_HARASSMENT',
  'KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN',
  'KEYWORD_CYBER_INCITEMENT',
  'KEYWORD_CYBER_STALKING',
  'KEYWORD_CYBER_STALKING_AGAINST_WOMEN',
  'KEYWORD_DATA_FALSIFICATION',
  'KEYWORD_DEFAMATION',
  'KEYWORD_DESIGN_INFRINGEMENT',
  'KEYWORD_DISCRIMINATION',
  'KEYWORD_FEMALE_GENDERED_DISINFORMATION',
  'KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT',
  'KEYWORD_GEOGRAPHICAL_REQUIREMENTS',
  'KEYWORD_GOODS_SERVICES_NOT_PERMITTED',
  'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS',
  'KEYWORD_HATE_SPEECH',
  'KEYWORD_HIDDEN_ADVERTISEMENT',
  'KEYWORD_HUMAN_EXPLOITATION',
  'KEYWORD_HUMAN_TRAFFICKING',
  'KEYWORD_ILLEGAL_ORGANIZATIONS',
  'KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING',
  'KEYWORD_INAUTHENTIC_ACCOUNTS',
  'KEYWORD_INAUTHENTIC_LISTINGS',
  'KEYWORD_INAUTHENTIC_USER_REVIEWS',
  'KEYWORD_INCITEMENT_AGAINST_WOMEN',
  'KEYWORD_INCITEMENT_VIOLENCE_HATRED',
  'KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS',
  'KEYWORD_LANGUAGE_REQUIREMENTS',
  'KEYWORD_MISINFORMATION_DISINFORMATION',
  'KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS',
  'KEYWORD_MISLEADING_INFO_GOODS_SERVICES',
  'KEYWORD_MISSING_PROCESSING_GROUND',
  'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING',
  'KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN',
  'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE',
  'KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN',
  'KEYWORD_NONCOMPLIANCE_PRICING',
  'KEYWORD_NUDITY',
  'KEYWORD_OTHER',
  'KEYWORD_PATENT_INFRINGEMENT',
  'KEYWORD_PHISHING',
  'KEYWORD_PROHIBITED_PRODUCTS',
  'KEYWORD_PYRAMID_SCHEMES',
  'KEYWORD_RIGHT_TO_BE_FORGOTTEN',
  'KEYWORD_RISK_ENVIRONMENTAL_DAMAGE',
  'KEYWORD_RISK_PUBLIC_HEALTH',
  'KEYWORD_SELF_MUTILATION',
  'KEYWORD_STALKING',
  'KEYWORD_SUICIDE',
  'KEYWORD_TERRORIST_CONTENT',
  'KEYWORD_TRADE_SECRET_INFRINGEMENT',
  'KEYWORD_TRADEMARK_INFRINGEMENT',
  'KEYWORD_TRAFFICKING_WOMEN_GIRLS',
  'KEYWORD_UNLAWFUL_SALE_ANIMALS',
  'KEYWORD_UNSAFE_CHALLENGES',
  'KEYWORD_UNSAFE_PRODUCTS',
  'KEYWORD_VIOLATION_EU_LAW',
  'KEYWORD_VIOLATION_NATIONAL_LAW',
] as const;
export type TdbKeyword = (typeof TDB_KEYWORDS)[number];

/**
 * Where a v1 category went in v2 (the TDB's v1→v2 change list): renamed, or folded into another category
 * with a keyword that keeps what it said. Categories not listed here are the same in both.
 */
export const LEGACY_CATEGORY_TO_TDB: Readonly<Partial<Record<DsaCategory, { category: TdbCategory; keyword?: TdbKeyword }>>> = {
  STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE: { category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC' },
  STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS: { category: 'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS' },
  STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT: { category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC', keyword: 'KEYWORD_ADULT_SEXUAL_MATERIAL' },
  STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR: { category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE' },
};

/** A policy's category as the TDB accepts it today, with the keyword a folded v1 category leaves. */
export function tdbCategoryOf(category: string): { category: TdbCategory; keyword?: TdbKeyword } | undefined {
  const legacy = LEGACY_CATEGORY_TO_TDB[category as DsaCategory];
  if (legacy) return legacy;
  return (TDB_CATEGORIES as readonly string[]).includes(category) ? { category: category as TdbCategory } : undefined;
}

export const DECISION_VISIBILITIES = [
  'DECISION_VISIBILITY_CONTENT_REMOVED',
  'DECISION_VISIBILITY_CONTENT_DISABLED',
  'DECISION_VISIBILITY_CONTENT_DEMOTED',
  'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_LABELLED',
  'DECISION_VISIBILITY_OTHER',
] as const;
export type DecisionVisibility = (typeof DECISION_VISIBILITIES)[number];

export const DECISION_MONETARIES = ['DECISION_MONETARY_SUSPENSION', 'DECISION_MONETARY_TERMINATION', 'DECISION_MONETARY_OTHER'] as const;
export type DecisionMonetary = (typeof DECISION_MONETARIES)[number];

export const DECISION_PROVISIONS = [
  'DECISION_PROVISION_PARTIAL_SUSPENSION',
  'DECISION_PROVISION_TOTAL_SUSPENSION',
  'DECISION_PROVISION_PARTIAL_TERMINATION',
  'DECISION_PROVISION_TOTAL_TERMINATION',
] as const;
export type DecisionProvision = (typeof DECISION_PROVISIONS)[number];

export const DECISION_ACCOUNTS = ['DECISION_ACCOUNT_SUSPENDED', 'DECISION_ACCOUNT_TERMINATED'] as const;
export type DecisionAccount = (typeof DECISION_ACCOUNTS)[number];

export const ACCOUNT_TYPES = ['ACCOUNT_TYPE_BUSINESS', 'ACCOUNT_TYPE_PRIVATE'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const DECISION_GROUNDS = ['DECISION_GROUND_ILLEGAL_CONTENT', 'DECISION_GROUND_INCOMPATIBLE_CONTENT'] as const;
export type DecisionGround = (typeof DECISION_GROUNDS)[number];

export const CONTENT_TYPES = [
  'CONTENT_TYPE_APP',
  'CONTENT_TYPE_AUDIO',
  'CONTENT_TYPE_IMAGE',
  'CONTENT_TYPE_PRODUCT',
  'CONTENT_TYPE_SYNTHETIC_MEDIA',
  'CONTENT_TYPE_TEXT',
  'CONTENT_TYPE_VIDEO',
  'CONTENT_TYPE_OTHER',
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export const SOURCE_TYPES = ['SOURCE_ARTICLE_16', 'SOURCE_TRUSTED_FLAGGER', 'SOURCE_TYPE_OTHER_NOTIFICATION', 'SOURCE_VOLUNTARY'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** automated_detection and incompatible_content_illegal are the strings "Yes" / "No". */
export const YES_NO = ['Yes', 'No'] as const;
export type YesNo = (typeof YES_NO)[number];

export const AUTOMATED_DECISIONS = ['AUTOMATED_DECISION_FULLY', 'AUTOMATED_DECISION_PARTIALLY', 'AUTOMATED_DECISION_NOT_AUTOMATED'] as const;
export type AutomatedDecision = (typeof AUTOMATED_DECISIONS)[number];

/** EU member states, as the TDB spells them (Greece is GR). */
export const EU_COUNTRY_CODES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;
/** Every code territorial_scope accepts: the EU and the other EEA states (Iceland, Liechtenstein, Norway). */
export const TERRITORIAL_SCOPE_CODES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT', 'LI', 'LT', 'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;
export type TerritorialScopeCode = (typeof TERRITORIAL_SCOPE_CODES)[number];

/** content_language: upper-case ISO 639-1 codes. */
export const CONTENT_LANGUAGES = (
  'AA AB AE AF AK AM AN AR AS AV AY AZ BA BE BG BI BM BN BO BR BS CA CE CH CO CR CS CU CV CY DA DE DV DZ EE EL EN EO ES ET EU FA FF FI FJ FO FR FY ' +
  'GA GD GL GN GU GV HA HE HI HO HR HT HU HY HZ IA ID IE IG II IK IO IS IT IU JA JV KA KG KI KJ KK KL KM KN KO KR KS KU KV KW KY LA LB LG LI LN LO ' +
  'LT LU LV MG MH MI MK ML MN MR MS MT MY NA NB ND NE NG NL NN NO NR NV NY OC OJ OM OR OS PA PI PL PS PT QU RM RN RO RU RW SA SC SD SE SG SI SK SL ' +
  'SM SN SO SQ SR SS ST SU SV SW TA TE TG TH TI TK TL TN TO TR TS TT TW TY UG UK UR UZ VE VI VO WA WO XH YI YO ZA ZH ZU'
).split(' ');

/** Text limits, in characters (Laravel's `max` on a string counts characters, not bytes). */
export const TDB_LIMITS = {
  decision_visibility_other: 500,
  decision_monetary_other: 500,
  decision_ground_reference_url: 500,
  illegal_content_legal_ground: 500,
  illegal_content_explanation: 2000,
  incompatible_content_ground: 500,
  incompatible_content_explanation: 2000,
  content_type_other: 500,
  category_specification_other: 500,
  decision_facts: 5000,
  source_identity: 500,
  puid: 500,
} as const;

/** Date bounds: content_date from 2000-01-01, application_date from 2020-01-01, every date until 2038-01-01. */
export const TDB_DATES = { contentFrom: '2000-01-01', applicationFrom: '2020-01-01', until: '2038-01-01' } as const;

/** What a restricting action restricts, in the TDB's four kinds of restriction (DSA Art. 17(1)(a)-(d)). */
export interface Restriction {
  visibility?: DecisionVisibility;
  /** With DECISION_VISIBILITY_OTHER: what the restriction is. */
  visibilityOther?: string;
  monetary?: DecisionMonetary;
  provision?: DecisionProvision;
  account?: DecisionAccount;
}

/**
 * The restricting verbs: every action verb that restricts something, with the restriction it is. This is
 * the one list: an action whose verb is here (and that names a policy) gets a statement of reasons; any
 * other verb (allow, restore, unsuspend, label, unlabel, enqueue, notify, ...) gets none. Verbs other
 * capabilities add (warn, restrict, ban, payout_hold, suspend_shop, remove_listing) are listed already.
 */
export const RESTRICTION_OF_VERB: Readonly<Record<string, Restriction>> = {
  remove: { visibility: 'DECISION_VISIBILITY_CONTENT_REMOVED' },
  remove_listing: { visibility: 'DECISION_VISIBILITY_CONTENT_REMOVED' },
  block: { visibility: 'DECISION_VISIBILITY_CONTENT_DISABLED' },
  interrupt: { visibility: 'DECISION_VISIBILITY_CONTENT_DISABLED' },
  limit_reach: { visibility: 'DECISION_VISIBILITY_CONTENT_DEMOTED' },
  age_gate: { visibility: 'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED' },
  demonetize: { monetary: 'DECISION_MONETARY_SUSPENSION' },
  payout_hold: { monetary: 'DECISION_MONETARY_SUSPENSION' },
  restrict: { provision: 'DECISION_PROVISION_PARTIAL_SUSPENSION' },
  suspend_shop: { provision: 'DECISION_PROVISION_PARTIAL_SUSPENSION' },
  suspend: { account: 'DECISION_ACCOUNT_SUSPENDED' },
  ban: { account: 'DECISION_ACCOUNT_TERMINATED' },
  strike: { visibility: 'DECISION_VISIBILITY_OTHER', visibilityOther: 'A strike was recorded against the account under the platform’s repeat-violation rules.' },
  warn: { visibility: 'DECISION_VISIBILITY_OTHER', visibilityOther: 'A formal warning was issued to the account.' },
};
export const RESTRICTING_VERBS: readonly string[] = Object.keys(RESTRICTION_OF_VERB);
export const isRestrictingVerb = (verb: string): boolean => Object.prototype.hasOwnProperty.call(RESTRICTION_OF_VERB, verb);
