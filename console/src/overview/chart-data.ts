// Turns the server's per-minute buckets into one row per minute (zeros filled in) for a stacked bar
// chart, and gives every event type a stable colour.
import { formatMinute } from '../shared/format';
import type { EventStats } from '../shared/types';

export type MinuteRow = { minute: string; label: string } & Record<string, number | string>;

const KNOWN_TYPES = [
  'content.created',
  'comment',
  'login',
  'account.created',
  'account.updated',
  'content.updated',
  'livestream.started',
  'livestream.ended',
  'viewer.joined',
  'gift',
  'view_count.tick',
  'report',
  'purchase',
  'shop.created',
  'payment_instrument.added',
  'appeal',
];
// Tableau 20 order, so the common types get the most distinct colours.
const PALETTE = [
  '#4e79a7', '#59a14f', '#b07aa1', '#f28e2b', '#ffbe7d', '#a0cbe8', '#e15759', '#ff9d9a',
  '#8cd17d', '#edc948', '#bab0ac', '#d37295', '#76b7b2', '#9d7660', '#499894', '#79706e',
];

export function colorFor(type: string): string {
  const i = KNOWN_TYPES.indexOf(type);
  if (i >= 0) return PALETTE[i % PALETTE.length];
  let h = 0;
  for (const ch of type) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${h % 360} 55% 45%)`;
}

const MINUTE = 60_000;

/** `minutes` rows ending at the server's current minute, oldest first; types ordered by volume in the window. */
export function perMinuteRows(stats: EventStats, minutes: number): { rows: MinuteRow[]; types: string[]; windowTotals: Record<string, number> } {
  const end = Math.floor(new Date(stats.now).getTime() / MINUTE) * MINUTE;
  const start = end - (minutes - 1) * MINUTE;
  const rows: MinuteRow[] = [];
  const index = new Map<number, MinuteRow>();
  for (let t = start; t <= end; t += MINUTE) {
    const iso = new Date(t).toISOString();
    const row = { minute: iso, label: formatMinute(iso) } as MinuteRow;
    rows.push(row);
    index.set(t, row);
  }
  const windowTotals: Record<string, number> = {};
  for (const b of stats.buckets) {
    const row = index.get(Math.floor(new Date(b.minute).getTime() / MINUTE) * MINUTE);
    if (!row) continue;
    row[b.type] = ((row[b.type] as number | undefined) ?? 0) + b.count;
    windowTotals[b.type] = (windowTotals[b.type] ?? 0) + b.count;
  }
  const types = Object.keys(windowTotals).sort((a, b) => windowTotals[b] - windowTotals[a] || a.localeCompare(b));
  for (const row of rows) for (const t of types) row[t] ??= 0;
  return { rows, types, windowTotals };
}
