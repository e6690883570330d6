// The context of the item under review: the account behind it with its active strikes, the accounts and
// other entities related to it, its recent actions (reverted ones struck through) and prior verdicts.
import { Link } from 'react-router';
import type { ActionRecord } from '../actions/types';
import { entityPath, formatTime } from '../shared/format';
import type { EntityDetail, Related } from '../shared/types';
import { Badge, Empty, Panel } from '../shared/ui';
import type { ReviewView } from './types';

/** Key actors read "key:<id>:<name>": the name is what a moderator recognises. */
export const actorName = (actor: string) => actor.replace(/^key:[^:]+:/, '');

/**
 * Actions that only say why the task was raised (a strategy's enqueue) or tell someone something: left out,
 * so the moderator judges the item, not the reason it was flagged (measurement samples are reviewed blind).
 */
const NOT_SHOWN = new Set(['enqueue', 'notify']);

export function ContextPanels({ view, detail }: { view: ReviewView; detail: EntityDetail | undefined }) {
  const history = { ...view.history, actions: view.history.actions.filter((a) => !NOT_SHOWN.has(a.action)) };
  const related: (Related & { dir: string })[] = detail
    ? [...detail.relations.incoming.map((r) => ({ ...r, dir: '←' })), ...detail.relations.outgoing.map((r) => ({ ...r, dir: '→' }))].sort((a, b) => Number(b.type === 'account') - Number(a.type === 'account'))
    : [];
  return (
    <>
      <Panel title="Account and relations">
        <div className="account-line" data-testid="task-account">
          {history.account ? (
            <>
              Account <Link to={entityPath(history.account)}>{history.account.id}</Link>{' '}
              <Badge tone={history.account_strikes ? 'danger' : undefined}>
                <span data-testid="account-strikes">{history.account_strikes}</span> active strike{history.account_strikes === 1 ? '' : 's'}
              </Badge>
            </>
          ) : (
            <span className="muted">No account is known behind this {view.task.entity.type}.</span>
          )}
        </div>
        {related.length > 0 && (
          <ul className="related-list" data-testid="task-related">
            {related.slice(0, 12).map((r) => (
              <li key={`${r.dir}${r.kind}:${r.type}:${r.id}`}>
                <span className="muted">{r.dir}</span> <code>{r.kind}</code> <span className="muted">{r.type}</span> <Link to={entityPath(r)}>{r.id}</Link>
              </li>
            ))}
            {related.length > 12 && <li className="muted">…and {related.length - 12} more on the entity page</li>}
          </ul>
        )}
      </Panel>
      <Panel title={`Recent actions (${history.actions.length})`}>
        {history.actions.length ? <ActionsTable actions={history.actions} /> : <Empty>Nothing has been done to this item.</Empty>}
      </Panel>
      <Panel title={`Prior verdicts (${history.verdicts.length})`}>
        {history.verdicts.length ? (
          <table className="table small" data-testid="task-verdicts">
            <tbody>
              {history.verdicts.map((v) => (
                <tr key={v.id}>
                  <td className="nowrap">{formatTime(v.at)}</td>
                  <td>{v.policy ? <Badge tone="danger">{v.policy}</Badge> : <Badge tone="ok">no violation</Badge>}</td>
                  <td className="muted break-anywhere" title={v.moderator}>
                    {actorName(v.moderator)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>No moderator has decided on this item before.</Empty>
        )}
      </Panel>
    </>
  );
}

function ActionsTable({ actions }: { actions: ActionRecord[] }) {
  return (
    <table className="table small" data-testid="task-actions">
      <tbody>
        {actions.map((a) => (
          <tr key={a.seq} className={a.reverted_by ? 'reverted' : undefined} title={a.reason}>
            <td className="nowrap">{formatTime(a.at)}</td>
            <td>
              <strong>{a.action}</strong>
              {a.reverted_by && <span className="muted"> (reverted)</span>}
            </td>
            <td>{a.policy ?? <span className="muted">—</span>}</td>
            <td className="muted">{a.source}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
