// The read side of material hits (written by the matcher on the event path): counts over time split
// into test and live, and the latest hits, for one material or one package.
import { sql } from 'kysely';
import type { Executor } from '../../store/schema.js';
import { InvalidMaterialError } from './errors.js';

export type HitTarget = { materialId: number; packageId?: undefined } | { packageId: string; materialId?: undefined };
export type HitBucket = 'hour' | 'day';

export interface HitCount {
  /** Start of the bucket (UTC). */
  at: string;
  live: number;
  test: number;
}

const BUCKET_MS: Record<HitBucket, number> = { hour: 3_600_000, day: 86_400_000 };
/** A chart wider than this many buckets is a request mistake, not a chart. */
export const MAX_BUCKETS = 5_000;

const truncate = (t: number, bucket: HitBucket) => t - (((t % BUCKET_MS[bucket]) + BUCKET_MS[bucket]) % BUCKET_MS[bucket]);

/** Hit counts per hour or day (UTC) in [from, to), every bucket present (zeros included) so charts need no gaps logic. */
export async function hitsOverTime(ex: Executor, options: HitTarget & { from: Date; to: Date; bucket: HitBucket }): Promise<HitCount[]> {
  const { from, to, bucket } = options;
  if (!(from < to)) throw new InvalidMaterialError('from', 'must be before to');
  const first = truncate(from.getTime(), bucket);
  const buckets = Math.ceil((to.getTime() - first) / BUCKET_MS[bucket]);
  if (buckets > MAX_BUCKETS) throw new InvalidMaterialError('bucket', `from..to spans ${buckets} ${bucket}s; ask for at most ${MAX_BUCKETS} (a narrower range, or bucket=day)`);
  let q = ex
    .selectFrom('material_hits')
    .select([
      // AT TIME ZONE 'UTC' twice: buckets start at UTC midnight whatever the session's time zone.
      sql<Date>`date_trunc(${bucket}, at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`.as('bucket'),
      sql<number>`(count(*) FILTER (WHERE NOT test))::int`.as('live'),
      sql<number>`(count(*) FILTER (WHERE test))::int`.as('test'),
    ])
    .where('at', '>=', from)
    .where('at', '<', to);
  q = options.materialId !== undefined ? q.where('material_id', '=', options.materialId) : q.where('package_id', '=', options.packageId!);
  const rows = await q.groupBy('bucket').execute();
  const found = new Map(rows.map((r) => [new Date(r.bucket).getTime(), r]));
  const out: HitCount[] = [];
  for (let t = first; t < to.getTime(); t += BUCKET_MS[bucket]) {
    const r = found.get(t);
    out.push({ at: new Date(t).toISOString(), live: r?.live ?? 0, test: r?.test ?? 0 });
  }
  return out;
}

export interface RecentHit {
  id: number;
  at: string;
  event_seq: number;
  event_id: string;
  item_type: string;
  item_id: string;
  surface: string;
  field: string;
  material_id: number;
  package_id: string;
  package_version: number;
  policy_id: string;
  severity: number;
  test: boolean;
  start?: number;
  end?: number;
  matched?: string;
  distance?: number;
}

/** The latest hits, newest first. */
export async function recentHits(ex: Executor, options: HitTarget & { limit: number }): Promise<RecentHit[]> {
  let q = ex.selectFrom('material_hits').selectAll();
  q = options.materialId !== undefined ? q.where('material_id', '=', options.materialId) : q.where('package_id', '=', options.packageId!);
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(Math.min(Math.max(options.limit, 1), 1_000)).execute();
  return rows.map((r) => {
    const hit: RecentHit = {
      id: r.id,
      at: r.at.toISOString(),
      event_seq: r.event_seq,
      event_id: r.event_id,
      item_type: r.item_type,
      item_id: r.item_id,
      surface: r.surface,
      field: r.field,
      material_id: r.material_id,
      package_id: r.package_id,
      package_version: r.package_version,
      policy_id: r.policy_id,
      severity: r.severity,
      test: r.test,
    };
    if (r.span_start !== null) hit.start = r.span_start;
    if (r.span_end !== null) hit.end = r.span_end;
    if (r.matched !== null) hit.matched = r.matched;
    if (r.distance !== null) hit.distance = r.distance;
    return hit;
  });
}
