// The append-only audit log: who did what to which target, written in the same transaction as the change.
import type { Executor } from './schema.js';

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
