// Shapes of the workforce API (src/review/workforce/profiles.ts, src/server/routes/workforce.ts) as the
// console reads them, and the small rules the pages share (expired certifications, exposure meters).
export type Proficiency = 'basic' | 'fluent' | 'native';
export const PROFICIENCIES: Proficiency[] = ['native', 'fluent', 'basic'];

export interface ShiftWindow {
  days: number[];
  start: string;
  end: string;
}

export interface Certification {
  policy: string;
  expires_at: string | null;
  granted_by: string;
}

export interface ModeratorProfile {
  id: string;
  display_name: string;
  active: boolean;
  capacity: number;
  languages: Record<string, Proficiency>;
  exposure_budgets: Record<string, number>;
  schedule: ShiftWindow[];
  shift_hours: number;
  certifications: Certification[];
  updated_at: string;
  updated_by: string;
}

export interface ExposureMeter {
  moderator: string;
  shift_hours: number;
  categories: { category: string; budget: number | null; used: number }[];
}

export interface AssignmentRound {
  ran: boolean;
  waiting: number;
  moderators: number;
  reserved: number;
  solve_ms: number;
}

export interface KeyInfo {
  id: string;
  name: string;
  roles: string[];
  revoked_at: string | null;
}

/** The id a profile must carry: what the server records as the actor of that key. */
export const actorOfKey = (k: KeyInfo) => `key:${k.id}:${k.name}`;

export const isExpired = (c: Certification, now = Date.now()) => c.expires_at !== null && new Date(c.expires_at).getTime() <= now;

export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const daysText = (days: number[]) => (new Set(days).size === 7 ? 'every day' : days.map((d) => DAY_NAMES[d - 1] ?? String(d)).join(' '));
