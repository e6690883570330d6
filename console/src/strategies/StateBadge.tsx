// A version's lifecycle state as a coloured badge (rollout with its percentage), and the paused badge.
import { isAutoPaused } from '../guardrails/types';
import { STATE_NOTES, type StrategyState } from './types';

export function StateBadge({ state, percent }: { state: string; percent?: number }) {
  const note = STATE_NOTES[state as StrategyState];
  return (
    <span className={`badge state-badge state-${state}`} title={note} data-state={state}>
      {state}
      {state === 'rollout' && percent ? ` ${percent} %` : ''}
    </span>
  );
}

export function PausedBadge({ reason }: { reason: string | null }) {
  const auto = isAutoPaused(reason);
  return (
    <span className={`badge ${auto ? 'badge-danger' : 'badge-warn'}`} title={reason ? `paused: ${reason}` : 'paused: decides nothing'} data-testid="paused-badge">
      {auto ? 'auto-paused' : 'paused'}
    </span>
  );
}
