// EU DSA statement-of-reasons categories (a copy of DSA_CATEGORIES in src/domain/policy.ts, which the
// console cannot import without bundling TypeBox) and the labels the console shows for them.

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
] as const;

/** "STATEMENT_CATEGORY_SCAMS_AND_FRAUD" -> "Scams and fraud". */
export function dsaLabel(category: string): string {
  const words = category.replace(/^STATEMENT_CATEGORY_/, '').toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const SEVERITY_LABELS: Record<number, string> = {
  1: '1 (most severe)',
  2: '2 (severe)',
  3: '3 (moderate)',
  4: '4 (least severe)',
};
