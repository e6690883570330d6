// The append-only audit log: who did what to which target, written in the same transaction as the change;
// read back newest first with filters and keyset paging, and exported. A trigger (migration 010) refuses
// UPDATE and DELETE on it.
import { sql } from 'kysely';
import type { Db, Executor } from './schema.js';

export interface AuditEntry {
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  details?: Record<string, unknown>;
}

export async function appendAudit(ex: Executor, at: Date, entry: AuditEntry): Promise<void> {
  await ex
    .insertInto('audit_log')
    .values({ at, actor: entry.actor, action: entry.action, target_type: entry.target_type, target_id: entry.target_id, details: JSON.stringify(entry.details ?? {}) })
    .execute();
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  details: Record<string, unknown>;
}

/** The columns of an export, in order. */
export const AUDIT_COLUMNS = ['seq', 'at', 'actor', 'action', 'target_type', 'target_id', 'details'] as const;

export interface AuditFilter {
  actor?: string;
  /** Entries whose action starts with this, e.g. `queue.` or `case.close`. */
  action?: string;
  target_type?: string;
  target_id?: string;
  /** Entries at or after this time. */
  from?: Date;
  /** Entries before this time. */
  to?: Date;
}

/** LIKE pattern for "starts with", with the wildcards of the prefix itself escaped. */
export const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtered(ex: Executor, f: AuditFilter) {
  let q = ex.selectFrom('audit_log').selectAll();
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', 'like', likePrefix(f.action));
  if (f.target_type) q = q.where('target_type', '=', f.target_type);
  if (f.target_id) q = q.where('target_id', '=', f.target_id);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  return q;
}

const toAuditRecord = (r: { seq: number; at: Date; actor: string; action: string; target_type: string; target_id: string; details: Record<string, unknown> }): AuditRecord => ({
  seq: Number(r.seq),
  at: r.at.toISOString(),
  actor: r.actor,
  action: r.action,
  target_type: r.target_type,
  target_id: r.target_id,
  details: r.details,
});

/**
 * One page of the audit log, newest first. Keyset paging: pass the previous page's `next_before` as
 * `before`; it is null on the last page.
 */
export async function queryAudit(ex: Executor, f: AuditFilter & { before?: number; limit: number }): Promise<{ entries: AuditRecord[]; next_before: number | null }> {
  let q = filtered(ex, f);
  if (f.before !== undefined) q = q.where('seq', '<', f.before);
  const rows = await q.orderBy('seq', 'desc').limit(f.limit + 1).execute();
  const more = rows.length > f.limit;
  const entries = rows.slice(0, f.limit).map(toAuditRecord);
  return { entries, next_before: more ? entries[entries.length - 1].seq : null };
}

/**
 * Every entry matching the filter, newest first, handed to `onPage` in pages from one REPEATABLE READ,
 * READ ONLY transaction (a consistent snapshot; it cannot write). Returns the count. Rows have the table's
 * columns, ready for the export formatter (store/export.ts).
 */
export async function exportAudit(db: Db, f: AuditFilter, onPage: (rows: Record<string, unknown>[]) => Promise<void> | void, pageSize = 5000): Promise<number> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(tx);
      let total = 0;
      let before: number | undefined;
      for (;;) {
        let q = filtered(tx, f);
        if (before !== undefined) q = q.where('seq', '<', before);
        const rows = await q.orderBy('seq', 'desc').limit(pageSize).execute();
        if (rows.length) await onPage(rows.map((r) => ({ ...r, seq: Number(r.seq) })));
        total += rows.length;
        if (rows.length < pageSize) return total;
        before = Number(rows[rows.length - 1].seq);
      }
    });
}
