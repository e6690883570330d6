// The alerts guardrails raised: the open ones first, each with an acknowledge button (admins and
// analysts), then the recently acknowledged ones with who acknowledged them. Read again every 15 s; with
// ?strategy=<id> (the link from an auto-paused strategy) that strategy's alerts are marked.
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { seg } from '../shared/api';
import { formatTime } from '../shared/format';
import { usePoll } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Badge, Empty, ErrorNote, Loading, Panel } from '../shared/ui';
import { byName, strategyPath } from '../strategies/access';
import { announceAlertsChanged, useAlertsChanged } from './alertsSignal';
import { ALERT_KINDS, mayAcknowledge, type Alert } from './types';

const POLL_MS = 15_000;
const RECENT = 100;

function AlertKind({ kind }: { kind: string }) {
  return (
    <Badge tone={kind === 'strategy.auto_paused' ? 'danger' : 'warn'}>
      <span title={kind}>{ALERT_KINDS[kind] ?? kind}</span>
    </Badge>
  );
}

function StrategyCell({ alert }: { alert: Alert }) {
  if (!alert.strategy_id) return <span className="muted">—</span>;
  const version = typeof alert.details.version === 'number' ? alert.details.version : undefined;
  return (
    <>
      <Link to={strategyPath(alert.strategy_id)}>{alert.strategy_id}</Link>
      {version !== undefined && (
        <>
          {' '}
          <Link to={strategyPath(alert.strategy_id, 'versions')} className="muted">
            v{version}
          </Link>
        </>
      )}
    </>
  );
}

export function AlertsPanel() {
  const { api, me } = useSession();
  const canAck = mayAcknowledge(me.roles);
  const [params] = useSearchParams();
  const { hash } = useLocation();
  const marked = params.get('strategy');
  const changed = useAlertsChanged();
  const alerts = usePoll(
    async (signal) => {
      const [open, recent] = await Promise.all([
        api.get<{ alerts: Alert[] }>('/v1/alerts', { open: true, limit: 500 }, signal),
        api.get<{ alerts: Alert[] }>('/v1/alerts', { limit: RECENT }, signal),
      ]);
      return { open: open.alerts, acknowledged: recent.alerts.filter((a) => a.acknowledged_at !== null) };
    },
    POLL_MS,
    [api, changed],
  );
  const [busy, setBusy] = useState<number>();
  const [error, setError] = useState<Error>();
  const [notice, setNotice] = useState<string>();
  const loaded = Boolean(alerts.data);

  useEffect(() => {
    if (hash === '#alerts' && loaded) document.getElementById('alerts')?.scrollIntoView({ block: 'start' });
  }, [hash, loaded]);

  async function acknowledge(a: Alert) {
    setBusy(a.id);
    setError(undefined);
    try {
      await api.post(`/v1/alerts/${seg(String(a.id))}/acknowledge`, {});
      setNotice(`Acknowledged alert #${a.id} (${ALERT_KINDS[a.kind] ?? a.kind}).`);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(undefined);
      announceAlertsChanged(); // this list and the nav badge read again
    }
  }

  const open = alerts.data?.open ?? [];
  const done = alerts.data?.acknowledged ?? [];
  return (
    <section id="alerts">
      <Panel
        title={
          <>
            Alerts{' '}
            {open.length > 0 && (
              <Badge tone="danger">
                <span data-testid="open-alert-count">{open.length}</span> open
              </Badge>
            )}
          </>
        }
        extra={
          <span className="muted small">
            {alerts.updatedAt && `read ${formatTime(alerts.updatedAt.toISOString())} · every 15 s `}
            <button type="button" className="btn btn-small" onClick={announceAlertsChanged}>
              Refresh
            </button>
          </span>
        }
      >
        <ErrorNote error={alerts.error} />
        <ErrorNote error={error} title="Not acknowledged" />
        {notice && (
          <div className="notice" role="status" data-testid="alert-notice">
            {notice}
          </div>
        )}
        {marked && (
          <p className="small">
            Alerts of <Link to={strategyPath(marked)}>{marked}</Link> are marked.{' '}
            <Link to="/guardrails#alerts" className="small">
              unmark
            </Link>
          </p>
        )}
        {!alerts.data ? (
          !alerts.error && <Loading what="alerts" />
        ) : open.length === 0 ? (
          <Empty>No open alerts.</Empty>
        ) : (
          <table className="table alerts" data-testid="open-alerts">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Raised</th>
                <th>Kind</th>
                <th>Strategy</th>
                <th>What happened</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {open.map((a) => (
                <tr key={a.id} data-alert-id={a.id} data-kind={a.kind} className={`alert-open${marked && a.strategy_id === marked ? ' selected' : ''}`}>
                  <td className="num">#{a.id}</td>
                  <td className="nowrap" title={a.at}>
                    {formatTime(a.at)}
                  </td>
                  <td className="nowrap">
                    <AlertKind kind={a.kind} />
                  </td>
                  <td className="nowrap">
                    <StrategyCell alert={a} />
                  </td>
                  <td>{a.message}</td>
                  <td className="nowrap">
                    {canAck ? (
                      <button type="button" className="btn btn-small" disabled={busy === a.id} onClick={() => void acknowledge(a)} aria-label={`Acknowledge alert #${a.id}`}>
                        Acknowledge
                      </button>
                    ) : (
                      <span className="muted small" title="admins and analysts acknowledge alerts">
                        open
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {done.length > 0 && (
          <div className="alerts-done">
            <h3>
              Acknowledged <span className="muted small">({done.length} among the newest {RECENT} alerts)</span>
            </h3>
            <table className="table alerts" data-testid="acknowledged-alerts">
              <tbody>
                {done.map((a) => (
                  <tr key={a.id} data-alert-id={a.id} data-kind={a.kind} className={marked && a.strategy_id === marked ? 'selected' : undefined}>
                    <td className="num muted">#{a.id}</td>
                    <td className="nowrap muted" title={a.at}>
                      {formatTime(a.at)}
                    </td>
                    <td className="nowrap">
                      <AlertKind kind={a.kind} />
                    </td>
                    <td className="nowrap">
                      <StrategyCell alert={a} />
                    </td>
                    <td className="muted">{a.message}</td>
                    <td className="nowrap small muted">
                      acknowledged {formatTime(a.acknowledged_at!)} by {byName(a.acknowledged_by ?? '?')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </section>
  );
}
