// The candidate beside live: on the events both saw since the candidate started deciding, where they
// agree and where they differ (the counts, then the latest events with the rule each fired).
import { Link, useSearchParams } from 'react-router';
import { seg } from '../shared/api';
import { entityPath, formatCount, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Loading, Panel } from '../shared/ui';
import { strategyPath } from './access';
import { StateBadge } from './StateBadge';
import { useStrategy } from './StrategyLayout';
import type { ShadowDiff } from './types';

const LIMITS = [100, 500, 1000];

export function ShadowDiffTab() {
  const { api } = useSession();
  const { strategy, versions } = useStrategy();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('version'));
  const version = versions.find((v) => v.version === asked) ?? versions.find((v) => v.version === strategy.candidate?.version);
  const limit = LIMITS.includes(Number(params.get('limit'))) ? Number(params.get('limit')) : 100;
  const diff = useLoad(
    (signal) => (version ? api.get<ShadowDiff>(`/v1/strategies/${seg(strategy.id)}/versions/${version.version}/shadow-diff`, { limit }, signal) : Promise.resolve(undefined)),
    [api, strategy.id, version?.version, limit],
  );
  const pick = (
    <select
      aria-label="Version compared with live"
      value={version?.version ?? ''}
      onChange={(e) => setParams({ version: e.target.value, limit: String(limit) }, { replace: true })}
    >
      {!version && <option value="">choose a version</option>}
      {versions
        .filter((v) => v.version !== strategy.live_version)
        .map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} ({v.state})
          </option>
        ))}
    </select>
  );

  if (!version) {
    return (
      <Panel title="Shadow diff">
        <Empty>
          No candidate version: put a version in shadow or a rollout under <Link to={strategyPath(strategy.id, 'versions')}>Versions</Link> to compare its decisions with live, or pick an
          earlier one: {pick}
        </Empty>
      </Panel>
    );
  }
  const d = diff.data;
  const total = d ? d.both + d.only_shadow + d.only_live : 0;
  const share = (n: number) => (total ? `${((100 * n) / total).toFixed(1)} %` : '');

  return (
    <>
      <Panel
        title={
          <>
            v{version.version} beside live{strategy.live_version ? ` v${strategy.live_version}` : ''}
          </>
        }
        extra={
          <span className="toolbar-inline">
            {pick} <StateBadge state={version.state} percent={version.rollout_percent} />
            <button type="button" className="btn" onClick={diff.reload} disabled={diff.loading}>
              Refresh
            </button>
          </span>
        }
      >
        <ErrorNote error={diff.error} />
        {!d ? (
          diff.loading && <Loading what="the comparison" />
        ) : (
          <>
            <dl className="figures" data-testid="shadow-counts">
              <div className="figure" data-testid="sd-both">
                <dt>Both decided</dt>
                <dd>{formatCount(d.both)}</dd>
                <div className="muted small">{share(d.both)}</div>
              </div>
              <div className="figure figure-shadow" data-testid="sd-only-shadow">
                <dt>Only v{version.version}</dt>
                <dd>{formatCount(d.only_shadow)}</dd>
                <div className="muted small">{share(d.only_shadow)} · what it would add</div>
              </div>
              <div className="figure figure-live" data-testid="sd-only-live">
                <dt>Only live</dt>
                <dd>{formatCount(d.only_live)}</dd>
                <div className="muted small">{share(d.only_live)} · what it would drop</div>
              </div>
            </dl>
            {total > 0 && (
              <div className="share-bar" aria-hidden="true">
                <span className="share-both" style={{ flexGrow: d.both }} />
                <span className="share-shadow" style={{ flexGrow: d.only_shadow }} />
                <span className="share-live" style={{ flexGrow: d.only_live }} />
              </div>
            )}
            <p className="muted small">
              Counted on events since v{version.version} first decided{version.state === 'rollout' ? `; in a rollout it decides for ${version.rollout_percent} % of entities, live for the rest` : ''}.
            </p>
          </>
        )}
      </Panel>
      {d && (
        <Panel
          title={`Latest events (${d.rows.length})`}
          extra={
            <label className="small">
              Show{' '}
              <select value={limit} onChange={(e) => setParams({ version: String(version.version), limit: e.target.value }, { replace: true })}>
                {LIMITS.map((l) => (
                  <option key={l}>{l}</option>
                ))}
              </select>
            </label>
          }
        >
          {d.rows.length ? (
            <table className="table" data-testid="shadow-rows">
              <thead>
                <tr>
                  <th>Event time</th>
                  <th>Event</th>
                  <th>Entity</th>
                  <th>Live rule</th>
                  <th>v{version.version} rule</th>
                  <th>Outcome</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => {
                  const outcome = r.live_rule && r.shadow_rule ? 'both' : r.shadow_rule ? 'only-shadow' : 'only-live';
                  return (
                    <tr key={r.event_id} data-event-id={r.event_id} data-outcome={outcome}>
                      <td className="nowrap">{formatTime(r.event_time)}</td>
                      <td>
                        <Link to={`/decisions?event_id=${encodeURIComponent(r.event_id)}`}>
                          <code>{r.event_id}</code>
                        </Link>
                      </td>
                      <td>{r.entity ? <Link to={entityPath(r.entity)}>{`${r.entity.type} ${r.entity.id}`}</Link> : <span className="muted">—</span>}</td>
                      <td>{r.live_rule ?? <span className="muted">—</span>}</td>
                      <td>{r.shadow_rule ?? <span className="muted">—</span>}</td>
                      <td>
                        <span className={`badge outcome-${outcome}`}>{outcome === 'both' ? 'agree' : outcome === 'only-shadow' ? `only v${version.version}` : 'only live'}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <Empty>Neither has decided on an event yet.</Empty>
          )}
        </Panel>
      )}
    </>
  );
}
