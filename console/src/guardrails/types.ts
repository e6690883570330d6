// Shapes of the guardrails API as the console reads them (kept in step with src/strategies/guardrails/
// and src/server/routes/guardrails.ts by hand), who may do what with them, and where they live.

export interface AutoPauseSettings {
  enabled: boolean;
  /** Only within this long after a version went live or into rollout. */
  within_hours: number;
  /** Pause when hits exceed this share (0–1) of the events it evaluated… */
  max_hit_share: number;
  /** …or this multiple of its trailing 7-day rate… */
  max_rate_multiple: number;
  /** …once it has at least this many hits. */
  min_hits: number;
}

export interface GuardrailSettings {
  /** Applied actions per strategy per UTC day; 0 = no cap. */
  strategy_daily_cap: number;
  /** Applied automated actions per action type per UTC day, across strategies; 0 = no cap. */
  action_daily_caps: Record<string, number>;
  auto_pause: AutoPauseSettings;
}

export interface Alert {
  id: number;
  at: string;
  /** 'cap.reached', 'strategy.auto_paused', … */
  kind: string;
  strategy_id: string | null;
  message: string;
  details: Record<string, unknown>;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

export interface Snooze {
  id: number;
  entity: { type: string; id: string };
  /** null: every strategy. */
  strategy_id: string | null;
  until: string;
  reason: string;
  created_at: string;
  created_by: string;
}

/** Action types a daily cap can name (src/domain/action.ts, ACTION_KINDS). */
export const ACTION_KINDS = ['allow', 'block', 'remove', 'restore', 'limit_reach', 'age_gate', 'demonetize', 'interrupt', 'suspend', 'unsuspend', 'strike', 'label', 'unlabel', 'enqueue', 'notify'] as const;

export const ALERT_KINDS: Record<string, string> = {
  'cap.reached': 'daily cap reached',
  'strategy.auto_paused': 'strategy auto-paused',
};

/** The prefix of `paused_reason` when a guardrail paused the strategy. */
export const AUTO_PAUSED = 'auto-paused:';
export const isAutoPaused = (reason: string | null | undefined): reason is string => Boolean(reason?.startsWith(AUTO_PAUSED));

const has = (roles: readonly string[], allowed: readonly string[]) => roles.some((r) => allowed.includes(r));
/** GET /v1/guardrails, /v1/alerts, /v1/snoozes (READERS in src/server/auth.ts). */
export const mayRead = (roles: readonly string[]) => has(roles, ['admin', 'analyst', 'moderator', 'viewer']);
/** PUT /v1/guardrails. */
export const mayEditSettings = (roles: readonly string[]) => has(roles, ['admin']);
/** POST /v1/alerts/:id/acknowledge. */
export const mayAcknowledge = (roles: readonly string[]) => has(roles, ['admin', 'analyst']);
/** POST /v1/snoozes, DELETE /v1/snoozes/:id. */
export const maySnooze = (roles: readonly string[]) => has(roles, ['admin', 'analyst', 'moderator']);

/** The alerts on the guardrails page, those of one strategy marked. */
export const alertsPath = (strategyId?: string) => `/guardrails${strategyId ? `?strategy=${encodeURIComponent(strategyId)}` : ''}#alerts`;
