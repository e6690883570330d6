// Statements of reasons, newest first (one per restricting action), with the action each explains, and
// the export: batches of up to 100 in the EU Transparency Database API's JSON, downloaded as files.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { entityPath, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Loading, PageHeader } from '../shared/ui';
import { StatementPanel } from './StatementPanel';
import type { StatementRecord } from './types';

const PAGE = 50;

export function StatementsPage() {
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const action = Number(params.get('action')) || undefined;
  const before = Number(params.get('before')) || undefined;
  const page = useLoad((signal) => api.get<{ statements: StatementRecord[]; next_before: number | null }>('/v1/statements', { limit: PAGE, before }, signal), [api, before]);
  const [after, setAfter] = useState('0');
  const [exported, setExported] = useState<string>();
  const [error, setError] = useState<Error>();

  async function exportBatch() {
    setError(undefined);
    try {
      const batch = await api.get<{ statements: { puid: string }[]; next_after: number | null }>('/v1/statements/export', { after: Number(after) || 0, limit: 100 });
      if (!batch.statements.length) {
        setExported('Nothing to export after this id.');
        return;
      }
      const first = batch.statements[0]!.puid;
      const last = batch.statements[batch.statements.length - 1]!.puid;
      const url = URL.createObjectURL(new Blob([JSON.stringify({ statements: batch.statements }, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `statements-${first}-${last}.json`;
      a.click();
      URL.revokeObjectURL(url);
      setExported(`Exported ${batch.statements.length} statement${batch.statements.length === 1 ? '' : 's'} (${first} … ${last}).${batch.next_after !== null ? ' More to export: the next batch starts after ' + batch.next_after + '.' : ' That was the last batch.'}`);
      if (batch.next_after !== null) setAfter(String(batch.next_after));
    } catch (err) {
      setError(err as Error);
    }
  }

  const statements = page.data?.statements;
  return (
    <>
      <PageHeader
        title="Statements of reasons"
        subtitle="One per restricting action under a policy, in the EU DSA Transparency Database's format. Export them in batches of 100 the Transparency Database API takes as they are."
      />
      <section className="panel" aria-label="Export to the Transparency Database">
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            void exportBatch();
          }}
        >
          <label>
            After statement id <input name="after" aria-label="Export after id" className="input-tiny" type="number" min={0} value={after} onChange={(e) => setAfter(e.target.value)} />
          </label>
          <button type="submit" className="btn">
            Export a batch of 100
          </button>
        </form>
        {exported && (
          <div className="notice" role="status" data-testid="export-notice">
            {exported}
          </div>
        )}
        <ErrorNote error={error} />
      </section>
      {action && <StatementPanel id={action} />}
      <ErrorNote error={page.error} />
      {!statements ? (
        page.loading && <Loading what="statements" />
      ) : statements.length === 0 ? (
        <Empty>No statements of reasons yet.</Empty>
      ) : (
        <table className="table" data-testid="statements">
          <thead>
            <tr>
              <th className="num">Id</th>
              <th>Written</th>
              <th>Action</th>
              <th>On</th>
              <th>Policy</th>
              <th>Category</th>
              <th>Automated</th>
            </tr>
          </thead>
          <tbody>
            {statements.map((s) => (
              <tr key={s.id} data-id={s.id} className={s.id === action ? 'selected' : undefined}>
                <td className="num">
                  <Link to={`/statements?action=${s.id}`}>{s.puid}</Link>
                </td>
                <td className="nowrap">{formatTime(s.created_at)}</td>
                <td>
                  <Link to={`/actions?entity_type=${encodeURIComponent(s.entity.type)}&entity_id=${encodeURIComponent(s.entity.id)}&focus=${s.id}`}>
                    <code className="verb">{s.action}</code> #{s.id}
                  </Link>
                </td>
                <td className="col-entity">
                  <Link to={entityPath(s.entity)}>
                    <span className="muted">{s.entity.type}</span> {s.entity.id}
                  </Link>
                </td>
                <td>{s.policy}</td>
                <td className="small">{s.statement.category.replace(/^STATEMENT_CATEGORY_/, '').toLowerCase().replace(/_/g, ' ')}</td>
                <td className="small">{String(s.statement.automated_decision).replace(/^AUTOMATED_DECISION_/, '').toLowerCase().replace(/_/g, ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        {before && (
          <button type="button" className="btn" onClick={() => setParams(new URLSearchParams())}>
            Newest
          </button>
        )}
        {page.data?.next_before != null && (
          <button type="button" className="btn" onClick={() => setParams(new URLSearchParams({ before: String(page.data!.next_before) }))}>
            Older →
          </button>
        )}
      </div>
    </>
  );
}
