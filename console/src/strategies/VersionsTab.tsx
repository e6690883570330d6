// Every version, newest first, with its state and note, the lifecycle buttons (shadow, rollout, live,
// retire, rollback) and "revert what it did"; below, the difference between any two versions.
import { Link, useLocation, useSearchParams } from 'react-router';
import { formatTime } from '../shared/format';
import { Panel } from '../shared/ui';
import { byName, strategyPath } from './access';
import { Lifecycle, RevertVersion } from './Lifecycle';
import { StateBadge } from './StateBadge';
import { useStrategy } from './StrategyLayout';
import { VersionDiff } from './VersionDiff';

export function VersionsTab() {
  const { strategy, versions, canEdit, reload, notify } = useStrategy();
  const [params, setParams] = useSearchParams();
  const created = (useLocation().state as { created?: boolean } | null)?.created && versions.length === 1;
  const changed = (message: string) => {
    notify(message);
    reload();
  };

  const latest = versions[0]!.version;
  const fallbackA = strategy.live_version && strategy.live_version !== latest ? strategy.live_version : (versions[1]?.version ?? latest);
  const a = Number(params.get('a')) || fallbackA;
  const b = Number(params.get('b')) || latest;

  return (
    <>
      {created && (
        <div className="notice" role="status">
          Created with v1 as a draft. Put it in shadow to watch what it would decide, or make it live.
        </div>
      )}
      <Panel title="Versions">
        <table className="table versions" data-testid="versions">
          <thead>
            <tr>
              <th className="num">Version</th>
              <th>State</th>
              <th>Note</th>
              <th>Saved</th>
              {canEdit && <th>Lifecycle</th>}
              <th>More</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} data-version={v.version} data-state={v.state} className={v.state === 'live' ? 'row-live' : undefined}>
                <td className="num">
                  <strong>v{v.version}</strong>
                </td>
                <td className="nowrap">
                  <StateBadge state={v.state} percent={v.rollout_percent} />
                  <div className="muted small" title={`state changed by ${v.state_changed_by}`}>
                    since {formatTime(v.state_changed_at)}
                  </div>
                </td>
                <td>
                  {v.note || <span className="muted">—</span>}
                  <div className="muted small">
                    policy {v.policy_id} · on {v.event_types.join(', ')}
                    {v.expires_at && ` · expires ${formatTime(v.expires_at)}`}
                  </div>
                </td>
                <td className="nowrap">
                  {formatTime(v.created_at)}
                  <div className="muted small">{byName(v.created_by)}</div>
                </td>
                {canEdit && (
                  <td>
                    <Lifecycle version={v} strategy={strategy} onChanged={changed} />
                  </td>
                )}
                <td className="version-more">
                  <Link to={`${strategyPath(strategy.id)}?from=${v.version}`}>{canEdit ? 'Edit from' : 'Source'}</Link> · <Link to={`${strategyPath(strategy.id, 'backtest')}?version=${v.version}`}>Backtest</Link> ·{' '}
                  <Link to={`/decisions?strategy=${encodeURIComponent(strategy.id)}&version=${v.version}`}>Decisions</Link> ·{' '}
                  <button type="button" className="btn-link" onClick={() => setParams({ a: String(v.version === latest ? (versions[1]?.version ?? v.version) : v.version), b: String(latest) })}>
                    Diff
                  </button>
                  {canEdit && v.state !== 'draft' && (
                    <div className="revert-cell">
                      <RevertVersion version={v} strategy={strategy} onReverted={changed} />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      {versions.length > 1 && (
        <Panel title="Compare versions">
          <VersionDiff versions={versions} a={a} b={b} onPick={(x, y) => setParams({ a: String(x), b: String(y) }, { replace: true })} />
        </Panel>
      )}
    </>
  );
}
