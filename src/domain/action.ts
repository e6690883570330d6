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
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_SOURCES = ['manual', 'strategy', 'review', 'appeal'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];
