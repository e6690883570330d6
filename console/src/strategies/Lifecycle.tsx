// The lifecycle buttons of one version: shadow, rollout with a percentage, live (for an earlier version,
// the rollback), retire; each consequential step asks once more, saying what it replaces. And "revert
// what it did", whose confirmation says how many actions it will undo.
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { seg } from '../shared/api';
import { useSession } from '../shared/session';
import { NEXT_STATES, type Strategy, type StrategyState, type StrategyVersion } from './types';

type Step = { state: StrategyState; label: string; confirm?: string; primary?: boolean };

function stepsFor(v: StrategyVersion, s: Strategy): Step[] {
  const next = NEXT_STATES[v.state];
  const steps: Step[] = [];
  const cand = s.candidate && s.candidate.version !== v.version ? s.candidate : null;
  const live = s.live_version && s.live_version !== v.version ? s.live_version : null;
  if (next.includes('shadow')) steps.push({ state: 'shadow', label: 'Shadow', confirm: cand ? `Shadow v${v.version}? It replaces the candidate v${cand.version} (${cand.state}).` : undefined });
  if (next.includes('live')) {
    const rollback = live !== null && v.version < live;
    steps.push({
      state: 'live',
      primary: true,
      label: rollback ? `Roll back to v${v.version}` : 'Make live',
      confirm: live ? `Make v${v.version} live? v${live}, live now, is retired${rollback ? ' (a rollback)' : ''}.` : `Make v${v.version} live? Its actions take effect on every event it decides.`,
    });
  }
  if (next.includes('retired')) steps.push({ state: 'retired', label: 'Retire', confirm: v.state === 'live' ? `Retire v${v.version}, the live version? ${s.id} then decides with no live version.` : undefined });
  return steps;
}

export function Lifecycle({ version: v, strategy, onChanged }: { version: StrategyVersion; strategy: Strategy; onChanged(message: string): void }) {
  const { api } = useSession();
  const [asking, setAsking] = useState<Step | 'rollout'>();
  const [pct, setPct] = useState(v.state === 'rollout' ? v.rollout_percent : 10);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  async function move(state: StrategyState, rollout_percent?: number) {
    setBusy(true);
    setError(undefined);
    try {
      const moved = await api.post<StrategyVersion>(`/v1/strategies/${seg(strategy.id)}/versions/${v.version}/state`, { state, ...(rollout_percent ? { rollout_percent } : {}) });
      setAsking(undefined);
      const replaced =
        state === 'live' && strategy.live_version && strategy.live_version !== v.version
          ? ` v${strategy.live_version} was retired.`
          : (state === 'shadow' || state === 'rollout') && strategy.candidate && strategy.candidate.version !== v.version
            ? ` v${strategy.candidate.version} was retired.`
            : '';
      onChanged(`v${v.version} is now ${moved.state}${moved.state === 'rollout' ? ` for ${moved.rollout_percent} % of entities` : ''}.${replaced}`);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  const steps = stepsFor(v, strategy);
  const canRollout = NEXT_STATES[v.state].includes('rollout');
  let body: ReactNode;
  if (asking === 'rollout') {
    body = (
      <span className="confirm">
        <label className="rollout-input">
          <input type="number" min={1} max={99} value={pct} onChange={(e) => setPct(Number(e.target.value))} aria-label={`Rollout percentage for v${v.version}`} /> %
        </label>
        <button type="button" className="btn btn-primary" disabled={busy || !(pct >= 1 && pct <= 99)} onClick={() => void move('rollout', pct)}>
          {v.state === 'rollout' ? 'Set percentage' : 'Start rollout'}
        </button>
        <button type="button" className="btn" onClick={() => setAsking(undefined)}>
          Cancel
        </button>
      </span>
    );
  } else if (asking) {
    body = (
      <span className="confirm lifecycle-confirm" role="group" aria-label="Confirm">
        <span className="confirm-text">{asking.confirm}</span>
        <button type="button" className={`btn ${asking.state === 'retired' ? 'btn-danger' : 'btn-primary'}`} disabled={busy} onClick={() => void move(asking.state)}>
          Confirm
        </button>
        <button type="button" className="btn" onClick={() => setAsking(undefined)}>
          Cancel
        </button>
      </span>
    );
  } else {
    body = (
      <>
        {steps.map((st) => (
          <button
            key={st.state}
            type="button"
            className={`btn${st.primary ? ' btn-primary' : ''}${st.state === 'retired' ? ' btn-danger-outline' : ''}`}
            disabled={busy}
            onClick={() => (st.confirm ? setAsking(st) : void move(st.state))}
          >
            {st.label}
          </button>
        ))}
        {canRollout && (
          <button type="button" className="btn" disabled={busy} onClick={() => setAsking('rollout')}>
            {v.state === 'rollout' ? 'Change %' : 'Rollout…'}
          </button>
        )}
      </>
    );
  }
  return (
    <div className="lifecycle" data-testid={`lifecycle-v${v.version}`}>
      {body}
      {error && (
        <div className="field-error" role="alert">
          {error.message}
        </div>
      )}
    </div>
  );
}

export function RevertVersion({ version: v, strategy, onReverted }: { version: StrategyVersion; strategy: Strategy; onReverted(message: string): void }) {
  const { api } = useSession();
  const [stage, setStage] = useState<{ kind: 'idle' } | { kind: 'counting' } | { kind: 'asking'; count: number | null } | { kind: 'reverting' }>({ kind: 'idle' });
  const [error, setError] = useState<Error>();

  async function ask() {
    setError(undefined);
    setStage({ kind: 'counting' });
    // The server's dry run: what POST …/revert would undo now.
    try {
      const { revertible } = await api.get<{ revertible: number }>(`/v1/strategies/${seg(strategy.id)}/versions/${v.version}/revert`);
      setStage({ kind: 'asking', count: revertible });
    } catch (err) {
      setError(err as Error);
      setStage({ kind: 'asking', count: null });
    }
  }
  async function revert() {
    setStage({ kind: 'reverting' });
    try {
      const { reverted } = await api.post<{ reverted: number }>(`/v1/strategies/${seg(strategy.id)}/versions/${v.version}/revert`, {});
      setStage({ kind: 'idle' });
      onReverted(`Reverted ${reverted} action${reverted === 1 ? '' : 's'} of v${v.version}: each has an undoing action in the action log, sent to the platform.`);
    } catch (err) {
      setError(err as Error);
      setStage({ kind: 'idle' });
    }
  }

  if (stage.kind === 'asking') {
    const { count } = stage;
    if (count === 0)
      return (
        <span className="confirm" data-testid={`revert-v${v.version}`}>
          <span className="confirm-text">v{v.version} has no actions left to revert.</span>
          <button type="button" className="btn" onClick={() => setStage({ kind: 'idle' })}>
            OK
          </button>
        </span>
      );
    return (
      <span className="confirm lifecycle-confirm" data-testid={`revert-v${v.version}`}>
        <span className="confirm-text" data-testid="revert-question">
          {count === null
            ? `Revert every action of v${v.version} still in effect? (How many could not be counted${error ? `: ${error.message}` : ''}.)`
            : `Revert ${count} action${count === 1 ? '' : 's'} of v${v.version} still in effect?`}{' '}
          <Link to={`/actions?strategy=${encodeURIComponent(strategy.id)}&version=${v.version}`}>see them</Link>
        </span>
        <button type="button" className="btn btn-danger" onClick={() => void revert()}>
          {count === null ? 'Revert them' : `Revert ${count} action${count === 1 ? '' : 's'}`}
        </button>
        <button type="button" className="btn" onClick={() => setStage({ kind: 'idle' })}>
          Cancel
        </button>
      </span>
    );
  }
  return (
    <span data-testid={`revert-v${v.version}`}>
      <button type="button" className="btn btn-danger-outline" disabled={stage.kind !== 'idle'} onClick={() => void ask()} title="Undo every action this version took that is still in effect">
        {stage.kind === 'counting' ? 'Counting…' : stage.kind === 'reverting' ? 'Reverting…' : 'Revert actions…'}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {' '}
          {error.message}
        </span>
      )}
    </span>
  );
}
