// Enforcement actions Vigil can take on an entity. The strategy engine and review add to how they are
// decided; the vocabulary lives here so every capability and the platform agree on it.
export const ACTION_KINDS = [
  'allow',
  'block',
  'remove',
  'restore',
  'limit_reach',
  'age_gate',
  'demonetize',
  'interrupt',
  'suspend',
  'unsuspend',
  'strike',
  'label',
  'unlabel',
  'enqueue',
  'notify',
  // Steps of a strike ladder (src/enforcement/strikes) and their reversals.
  'warn',
  'restrict',
  'lift_restriction',
  'ban',
  'unban',
  // Seller penalties and their reversals.
  'remove_listing',
  'restore_listing',
  'suspend_shop',
  'unsuspend_shop',
  'payout_hold',
  'release_payout',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Kinds only people, the strike ladder and seller penalties take: never a strategy verb (they need a ladder step's parameters). */
export const LADDER_AND_PENALTY_KINDS: readonly ActionKind[] = ['warn', 'restrict', 'lift_restriction', 'ban', 'unban', 'remove_listing', 'restore_listing', 'suspend_shop', 'unsuspend_shop', 'payout_hold', 'release_payout'];

export const ACTION_SOURCES = ['manual', 'strategy', 'review', 'appeal'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];
