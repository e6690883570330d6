// Shapes of the cases API (src/server/routes/cases.ts) as the console reads them, and small helpers.
export interface CaseRecord {
  id: number;
  title: string;
  description: string;
  owner: string | null;
  status: 'open' | 'closed';
  resolution: string | null;
  tags: string[];
  created_at: string;
  created_by: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
  item_count: number;
}

export type Evidence = { type: 'media'; sha256: string } | { type: 'url'; url: string } | { type: 'text'; text: string };

export interface CaseItem {
  id: number;
  kind: 'entity' | 'review_task' | 'verdict' | 'decision' | 'action' | 'evidence';
  ref: string;
  entity: { type: string; id: string } | null;
  target_id: number | null;
  evidence: Evidence | null;
  note: string;
  added_at: string;
  added_by: string;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  actor: string;
  kind: string;
  details: Record<string, unknown>;
}

export interface CaseDetail extends CaseRecord {
  items: CaseItem[];
  timeline: TimelineEntry[];
}

export const CASE_WRITERS = ['admin', 'analyst', 'moderator'];
export const casePath = (id: number) => `/cases/${id}`;
/** "key:<id>:<name>" actors read as their key name. */
export const who = (actor: string) => actor.replace(/^key:[^:]+:/, '');
export const parseTags = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
