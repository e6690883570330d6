// Every strategy with its policy, the version that is live, the candidate beside it (shadow or a
// percentage rollout), whether it is paused, and what it decided over the last 24 hours.
import { Link } from 'react-router';
import { formatCount, formatTime } from '../shared/format';
import { usePoll } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Loading, PageHeader } from '../shared/ui';
import { strategyPath, useCanEditStrategies } from './access';
import { Sparkline } from './Sparkline';
import { PausedBadge, StateBadge } from './StateBadge';
import type { StrategyListItem } from './types';

export function StrategyListPage() {
  const { api } = useSession();
  const canEdit = useCanEditStrategies();
  const list = usePoll((signal) => api.get<{ strategies: StrategyListItem[] }>('/v1/strategies', undefined, signal), 15_000, [api]);
  const strategies = list.data?.strategies;

  return (
    <>
      <PageHeader
        title="Strategies"
        subtitle="Versioned rules that decide on events: one live version each, a candidate beside it in shadow or a percentage rollout."
        actions={
          <>
            <Link to="/decisions" className="btn">
              Decision explorer
            </Link>
            <Link to="/actions" className="btn">
              Action log
            </Link>
            {canEdit && (
              <Link to="/strategies/new" className="btn btn-primary">
                New strategy
              </Link>
            )}
          </>
        }
      />
      <ErrorNote error={list.error} />
      {!strategies ? (
        !list.error && <Loading what="strategies" />
      ) : strategies.length === 0 ? (
        <Empty>No strategies yet.{canEdit ? ' Write the first one with “New strategy”.' : ''}</Empty>
      ) : (
        <table className="table strategies" data-testid="strategy-list">
          <thead>
            <tr>
              <th>Id</th>
              <th>Name</th>
              <th>Policy</th>
              <th>Live</th>
              <th>Candidate</th>
              <th className="num" title="Decisions applied (live and rollout) and recorded in shadow over the last 24 hours">
                Decisions 24 h
              </th>
              <th>Per hour, 24 h</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {strategies.map((s) => (
              <tr key={s.id} data-strategy={s.id} className={s.paused ? 'paused' : undefined}>
                <td className="nowrap">
                  <Link to={strategyPath(s.id)}>{s.id}</Link> {s.paused && <PausedBadge reason={s.paused_reason} />}
                </td>
                <td>
                  {s.name}
                  {s.description && <div className="muted small">{s.description}</div>}
                </td>
                <td>
                  <Link to={`/policies/${encodeURIComponent(s.policy_id)}`}>{s.policy_id}</Link>
                </td>
                <td className="nowrap" data-testid="live-version">
                  {s.live_version ? <Link to={strategyPath(s.id, 'versions')}>v{s.live_version}</Link> : <span className="muted">none</span>}
                  {s.latest_version !== s.live_version && s.latest_version !== s.candidate?.version && <span className="muted small"> · latest v{s.latest_version}</span>}
                </td>
                <td className="nowrap" data-testid="candidate">
                  {s.candidate ? (
                    <>
                      v{s.candidate.version} <StateBadge state={s.candidate.state} percent={s.candidate.rollout_percent} />
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="num">
                  <Link to={`/decisions?strategy=${encodeURIComponent(s.id)}`} title="Open in the decision explorer">
                    {formatCount(s.activity?.applied_24h ?? 0)}
                  </Link>
                  {(s.activity?.shadow_24h ?? 0) > 0 && <div className="muted small">+{formatCount(s.activity!.shadow_24h)} shadow</div>}
                </td>
                <td>
                  <Sparkline activity={s.activity} />
                </td>
                <td className="nowrap">{formatTime(s.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
