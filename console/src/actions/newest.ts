// Reading the action log newest first. GET /v1/actions only reads forwards (`after` a seq, oldest first)
// and filters by entity, not by strategy, so a page of the newest actions is found here: the last seq by
// a search of `after` probes (one row each), then windows of seqs read backwards from there, widening
// until a page is full, with a strategy filter applied in the browser over a bounded number of rows.
import type { Api } from '../shared/api';
import type { ActionRecord } from './types';

export interface ActionFilter {
  entity?: { type: string; id: string };
  strategy?: { id: string; version?: number };
  decisionId?: number;
}

export interface ActionPage {
  actions: ActionRecord[];
  /** Pass as `before` for the next (older) page; null at the start of the log. */
  older: number | null;
  /** Rows read to fill the page (a strategy filter reads past others' actions). */
  scanned: number;
  /** The scan stopped at its limit before filling the page. */
  partial: boolean;
}

const READ = 1000;

function query(f: ActionFilter, after: number, limit: number) {
  return { after, limit, entity_type: f.entity?.type, entity_id: f.entity?.id };
}

async function firstAfter(api: Api, f: ActionFilter, after: number, signal?: AbortSignal): Promise<number | null> {
  const { actions } = await api.get<{ actions: ActionRecord[] }>('/v1/actions', query(f, after, 1), signal);
  return actions[0]?.seq ?? null;
}

/** The highest seq the server filter (entity) lets through, or null for an empty log. */
export async function lastSeq(api: Api, f: ActionFilter, signal?: AbortSignal): Promise<number | null> {
  let lo = await firstAfter(api, f, 0, signal);
  if (lo === null) return null;
  let step = 1024;
  let hi: number;
  for (;;) {
    const next = await firstAfter(api, f, lo + step, signal);
    if (next === null) {
      hi = lo + step;
      break;
    }
    lo = next;
    step *= 4;
  }
  // An action exists at lo; none after hi (one may be at hi).
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const next = await firstAfter(api, f, mid, signal);
    if (next === null) hi = mid;
    else lo = next;
  }
  return lo;
}

/** Every action with lo < seq < hi the server filter lets through, oldest first. */
async function readRange(api: Api, f: ActionFilter, lo: number, hi: number, signal?: AbortSignal): Promise<ActionRecord[]> {
  const out: ActionRecord[] = [];
  let after = lo;
  for (;;) {
    const { actions } = await api.get<{ actions: ActionRecord[] }>('/v1/actions', query(f, after, READ), signal);
    const inRange = actions.filter((a) => a.seq < hi);
    out.push(...inRange);
    if (actions.length < READ || inRange.length < actions.length) return out;
    after = actions[actions.length - 1]!.seq;
  }
}

export const matches = (f: ActionFilter) => (a: ActionRecord) =>
  (!f.strategy || (a.strategy?.id === f.strategy.id && (f.strategy.version === undefined || a.strategy.version === f.strategy.version))) &&
  (f.decisionId === undefined || a.strategy?.decision_id === f.decisionId);

/**
 * The newest `size` actions with seq < `before` (or the newest of all), newest first. A strategy filter
 * reads at most `maxScan` rows; the page then says it is partial and `older` continues the scan.
 */
export async function newestActions(api: Api, f: ActionFilter, before: number | null, size: number, signal?: AbortSignal, maxScan = 20_000): Promise<ActionPage> {
  let hi = before;
  if (hi === null) {
    const last = await lastSeq(api, f, signal);
    if (last === null) return { actions: [], older: null, scanned: 0, partial: false };
    hi = last + 1;
  }
  const keep = matches(f);
  const found: ActionRecord[] = [];
  let scanned = 0;
  let width = Math.max(size * 2, 256);
  while (found.length < size && hi > 1 && scanned < maxScan) {
    // Without an entity filter seqs are dense, so a window's width bounds the rows it reads.
    const lo = Math.max(0, hi - (f.entity ? width : Math.min(width, Math.max(READ, maxScan - scanned))));
    const rows = await readRange(api, f, lo, hi, signal);
    scanned += rows.length;
    found.unshift(...rows.filter(keep));
    hi = lo + 1;
    width *= 4;
  }
  const page = found.slice(-size).reverse();
  const exhausted = hi <= 1;
  const older = found.length > size ? page[page.length - 1]!.seq : exhausted ? null : hi;
  return { actions: page, older, scanned, partial: found.length < size && !exhausted };
}
