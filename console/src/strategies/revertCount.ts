// How many actions "revert everything this version did" would undo, for its confirmation. The API has no
// count for it (nor a strategy filter on GET /v1/actions), so this asks the analysts' read-only export
// (POST /v1/export, open to the same roles that may revert) the question the revert itself asks:
// undoable actions of the version, not themselves reverts, not reverted yet. `null` when it cannot say.
import type { Api } from '../shared/api';
import { INVERSE } from '../actions/types';

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function countRevertible(api: Api, strategyId: string, version: number): Promise<number | null> {
  const verbs = Object.keys(INVERSE).map(quote).join(', ');
  const query =
    `SELECT count(*)::int AS n FROM actions a WHERE a.strategy_id = ${quote(strategyId)} AND a.strategy_version = ${Math.trunc(version)} ` +
    `AND a.reverts_seq IS NULL AND a.action IN (${verbs}) AND NOT EXISTS (SELECT 1 FROM actions r WHERE r.reverts_seq = a.seq)`;
  try {
    const row = await api.post<{ n: number }>('/v1/export', { query, format: 'ndjson' });
    return typeof row?.n === 'number' ? row.n : null;
  } catch {
    return null;
  }
}
