// The frame of one strategy's pages (/strategies/:id/...): the header with its live version, candidate,
// pause state and the pause switch, the tabs (editor, versions, backtest, shadow diff), and the strategy
// with its versions handed to the tab through the outlet context, so a change in a tab (a new version, a
// state change) refreshes the header too.
import { useState } from 'react';
import { Link, NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import { seg } from '../shared/api';
import { formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { ErrorNote, Loading, PageHeader } from '../shared/ui';
import { byName, strategyPath, useCanEditStrategies } from './access';
import { PausedBadge, StateBadge } from './StateBadge';
import type { Strategy, StrategyVersion } from './types';
import { alertsPath, AUTO_PAUSED, isAutoPaused } from '../guardrails/types';
import '../guardrails/guardrails.css';
import { PrecisionPanel } from '../review/PrecisionPanel';

export interface StrategyContext {
  strategy: Strategy;
  /** Newest first. */
  versions: StrategyVersion[];
  canEdit: boolean;
  reload(): void;
  /** A line above the tabs saying what just happened. */
  notify(message: string): void;
}

export const useStrategy = () => useOutletContext<StrategyContext>();

export function StrategyLayout() {
  const { api } = useSession();
  const canEdit = useCanEditStrategies();
  const { id = '' } = useParams();
  const data = useLoad(
    async (signal) => {
      const [strategy, { versions }] = await Promise.all([
        api.get<Strategy>(`/v1/strategies/${seg(id)}`, undefined, signal),
        api.get<{ versions: StrategyVersion[] }>(`/v1/strategies/${seg(id)}/versions`, undefined, signal),
      ]);
      return { strategy, versions };
    },
    [api, id],
  );
  const [notice, setNotice] = useState<string>();
  const back = (
    <Link to="/strategies" className="btn">
      All strategies
    </Link>
  );
  if (data.error) {
    return (
      <>
        <PageHeader title={`Strategy ${id}`} actions={back} />
        <ErrorNote error={data.error} />
      </>
    );
  }
  const loaded = data.data?.strategy.id === id ? data.data : undefined;
  if (!loaded) return <Loading what="strategy" />;
  const { strategy, versions } = loaded;
  const candidate = strategy.candidate;
  const context: StrategyContext = { strategy, versions, canEdit, reload: data.reload, notify: setNotice };
  const tabs = [
    { to: '', label: 'Editor', end: true },
    { to: 'versions', label: `Versions (${versions.length})`, end: false },
    { to: 'backtest', label: 'Backtest', end: false },
    { to: 'shadow', label: candidate ? `Shadow diff (v${candidate.version})` : 'Shadow diff', end: false },
  ];

  return (
    <>
      <PageHeader
        title={
          <>
            {strategy.name} {strategy.paused && <PausedBadge reason={strategy.paused_reason} />}
          </>
        }
        subtitle={
          <span data-testid="strategy-summary">
            <code>{strategy.id}</code> · policy <Link to={`/policies/${encodeURIComponent(strategy.policy_id)}`}>{strategy.policy_id}</Link> · live{' '}
            <strong data-testid="header-live">{strategy.live_version ? `v${strategy.live_version}` : 'none'}</strong>
            {candidate && (
              <>
                {' '}
                · candidate v{candidate.version} <StateBadge state={candidate.state} percent={candidate.rollout_percent} />
              </>
            )}{' '}
            · latest v{strategy.latest_version} · updated {formatTime(strategy.updated_at)}
            {strategy.description && (
              <>
                <br />
                {strategy.description}
              </>
            )}
          </span>
        }
        actions={
          <>
            <Link to={`/decisions?strategy=${encodeURIComponent(strategy.id)}`} className="btn">
              Decisions
            </Link>
            <Link to={`/actions?strategy=${encodeURIComponent(strategy.id)}`} className="btn">
              Actions
            </Link>
            {canEdit && <PauseSwitch strategy={strategy} onDone={(m) => (setNotice(m), data.reload())} />}
            {back}
          </>
        }
      />
      {strategy.paused && isAutoPaused(strategy.paused_reason) ? (
        <div className="notice auto-paused" role="alert" data-testid="auto-paused-note">
          <span className="auto-paused-title">Auto-paused by a guardrail</span>
          <span className="auto-paused-reason" data-testid="auto-paused-reason">
            {strategy.paused_reason.slice(AUTO_PAUSED.length).trim()}
          </span>
          . It decides nothing, in any version, until it is resumed. <Link to={alertsPath(strategy.id)}>See the alert</Link> ·{' '}
          <Link to={`/decisions?strategy=${encodeURIComponent(strategy.id)}`}>its decisions</Link>
          <div className="small">
            While the version is within the auto-pause window the same counts pause it again after a resume; check its decisions, then save a fixed version or change the{' '}
            <Link to="/guardrails">auto-pause settings</Link>.
          </div>
        </div>
      ) : (
        strategy.paused && (
          <div className="notice notice-warn" data-testid="paused-note">
            Paused{strategy.paused_reason ? `: ${strategy.paused_reason}` : ''}. A paused strategy decides nothing, in any version, until it is resumed.
          </div>
        )
      )}
      {notice && (
        <div className="notice" role="status" data-testid="strategy-notice">
          {notice}{' '}
          <button type="button" className="btn-link small" onClick={() => setNotice(undefined)}>
            dismiss
          </button>
        </div>
      )}
      <PrecisionPanel query={{ by: 'strategy_version', strategy: strategy.id }} label={(r) => `v${r.key.version}${r.key.version === strategy.live_version ? ' (live)' : ''}`} title="Precision from review, per version" testId="strategy-precision" />
      <nav className="tabs" aria-label="Strategy">
        {tabs.map((t) => (
          <NavLink key={t.to} to={strategyPath(strategy.id, t.to)} end={t.end} className={({ isActive }) => `tab${isActive ? ' active' : ''}`}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Outlet context={context} />
      <p className="muted small">
        Created {formatTime(strategy.created_at)} by {byName(strategy.created_by)}.
      </p>
    </>
  );
}

/** Pause (with a reason) or resume. */
function PauseSwitch({ strategy, onDone }: { strategy: Strategy; onDone(message: string): void }) {
  const { api } = useSession();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  async function send(paused: boolean) {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/v1/strategies/${seg(strategy.id)}/pause`, { paused, ...(paused && reason.trim() ? { reason: reason.trim() } : {}) });
      setAsking(false);
      setReason('');
      onDone(paused ? 'Paused: it decides nothing until resumed.' : 'Resumed: its live and candidate versions decide again.');
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  if (strategy.paused) {
    return (
      <button type="button" className="btn" onClick={() => void send(false)} disabled={busy}>
        Resume
      </button>
    );
  }
  if (!asking) {
    return (
      <button type="button" className="btn btn-danger-outline" onClick={() => setAsking(true)}>
        Pause
      </button>
    );
  }
  return (
    <span className="confirm pause-form">
      <input aria-label="Reason for pausing" placeholder="reason (e.g. false positives on …)" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      <button type="button" className="btn btn-danger" onClick={() => void send(true)} disabled={busy}>
        Pause now
      </button>
      <button type="button" className="btn" onClick={() => setAsking(false)}>
        Cancel
      </button>
      {error && <span className="field-error">{error.message}</span>}
    </span>
  );
}
