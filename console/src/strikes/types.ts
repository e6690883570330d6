// Shapes of the strike ladder API as the console reads them (kept in step with src/domain/strike.ts and
// src/server/routes/strikes.ts by hand), the form's draft of a ladder, and who may do what.

export const STEP_ACTIONS = ['warn', 'restrict', 'suspend', 'ban'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export interface LadderStep {
  strikes: number;
  action: StepAction;
  features?: string[];
  duration_days?: number;
  message?: string;
}

export interface Ladder {
  ladder: string;
  version: number;
  expiry_days: number;
  steps: LadderStep[];
  updated_at: string;
  updated_by: string;
}

export interface LadderInEffect {
  ladder: Ladder;
  /** False when the policy has none of its own and the default applies. */
  own: boolean;
  versions: { version: number; changed_at: string; changed_by: string }[];
}

export interface Strike {
  id: number;
  account: { type: string; id: string };
  policy: string;
  ladder: string;
  at: string;
  expires_at: string;
  source: string;
  actor: string;
  reason: string;
  action_seq: number;
  count: number;
  step: LadderStep | null;
  state: 'active' | 'expired' | 'reverted';
}

/** What the form holds: text as typed. */
export interface StepDraft {
  strikes: string;
  action: StepAction;
  features: string;
  duration_days: string;
  message: string;
}
export interface LadderDraft {
  expiry_days: string;
  steps: StepDraft[];
}

/** A problem at a field named as the server names it: expiry_days, steps.1.strikes. */
export interface Problem {
  field?: string;
  message: string;
  status?: number;
}

export const toDraft = (l: Pick<Ladder, 'expiry_days' | 'steps'>): LadderDraft => ({
  expiry_days: String(l.expiry_days),
  steps: l.steps.map((s) => ({ strikes: String(s.strikes), action: s.action, features: (s.features ?? []).join(', '), duration_days: s.duration_days === undefined ? '' : String(s.duration_days), message: s.message ?? '' })),
});

/** The ladder to send, or the first problem the form can see itself (the server checks the same and more). */
export function fromDraft(d: LadderDraft): { ladder?: Pick<Ladder, 'expiry_days' | 'steps'>; problem?: Problem } {
  const expiry = Number(d.expiry_days.trim());
  if (!d.expiry_days.trim() || !Number.isInteger(expiry) || expiry < 1) return { problem: { field: 'expiry_days', message: 'expiry_days: enter a whole number of days, 1 or more' } };
  if (!d.steps.length) return { problem: { field: 'steps', message: 'steps: a ladder needs at least one step' } };
  const steps: LadderStep[] = [];
  for (const [i, s] of d.steps.entries()) {
    const at = `steps.${i}`;
    const last = i === d.steps.length - 1;
    const strikes = Number(s.strikes.trim());
    if (!s.strikes.trim() || !Number.isInteger(strikes) || strikes < 1) return { problem: { field: `${at}.strikes`, message: `${at}.strikes: enter a whole number of strikes, 1 or more` } };
    const before = steps[i - 1];
    if (before && strikes <= before.strikes) return { problem: { field: `${at}.strikes`, message: `${at}.strikes: must be more than the step before (${before.strikes}): steps go up strictly` } };
    const duration = s.duration_days.trim() ? Number(s.duration_days.trim()) : undefined;
    const timed = s.action === 'restrict' || s.action === 'suspend';
    if (timed && duration !== undefined && !(Number.isFinite(duration) && duration > 0)) return { problem: { field: `${at}.duration_days`, message: `${at}.duration_days: must be a positive number of days` } };
    if (timed && duration === undefined && !last) return { problem: { field: `${at}.duration_days`, message: `${at}.duration_days: only the last step may be permanent: give it a duration` } };
    if (s.action === 'ban' && !last) return { problem: { field: `${at}.action`, message: `${at}.action: a ban is permanent, so it can only be the last step` } };
    const features = s.features
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    if (s.action === 'restrict' && !features.length) return { problem: { field: `${at}.features`, message: `${at}.features: name at least one feature to limit` } };
    steps.push({
      strikes,
      action: s.action,
      ...(s.action === 'restrict' ? { features } : {}),
      ...(timed && duration !== undefined ? { duration_days: duration } : {}),
      ...(s.action === 'warn' && s.message.trim() ? { message: s.message.trim() } : {}),
    });
  }
  return { ladder: { expiry_days: expiry, steps } };
}

/** "suspend 30 days", "restrict live, post for 7 days", "ban". */
export function stepText(s: LadderStep): string {
  const span = s.duration_days === undefined ? (s.action === 'warn' ? '' : ' permanently') : ` for ${s.duration_days} day${s.duration_days === 1 ? '' : 's'}`;
  if (s.action === 'restrict') return `restrict ${(s.features ?? []).join(', ')}${span}`;
  if (s.action === 'suspend') return `suspend${span}`;
  return s.action;
}

const has = (roles: readonly string[], allowed: readonly string[]) => roles.some((r) => allowed.includes(r));
/** GET /v1/strike-ladders, /v1/entities/:type/:id/strikes. */
export const mayRead = (roles: readonly string[]) => has(roles, ['admin', 'analyst', 'moderator', 'viewer']);
/** PUT /v1/strike-ladders/:policy. */
export const mayEditLadders = (roles: readonly string[]) => has(roles, ['admin']);
/** POST /v1/strikes. */
export const mayStrike = (roles: readonly string[]) => has(roles, ['admin', 'moderator']);
