// The moderator's decision, by button or keyboard: a verdict button per policy (the task's policy first,
// then the queue's others, 1–9; the rest of the catalogue from a picker) and "No violation" (0 or N); for
// appeals "Uphold" (U) and "Overturn" (O). A choice is confirmed with Enter or the Confirm button, after an
// optional change to the enforcement (the server's default ticked) and notes. S skips and E escalates, each
// with a reason. No shortcut fires while the moderator types in a text field.
import { useEffect, useRef, useState } from 'react';
import type { Policy, Queue } from '../shared/types';
import { ErrorNote, Panel } from '../shared/ui';
import { ACTION_CHOICES, type ReviewView, type VerdictAction } from './types';

export type Decision = { kind: 'verdict'; policy: string | null; actions?: VerdictAction[]; notes: string } | { kind: 'skip'; reason: string } | { kind: 'escalate'; reason: string };

type Pending = { policy: string | null } | null;

/** Keys typed into these do not count as shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

const Key = ({ k }: { k: string }) => (
  <kbd className="kbd" aria-hidden="true">
    {k}
  </kbd>
);

export function DecisionPanel({ view, policies, queue, onDecide }: { view: ReviewView; policies: Policy[]; queue: Queue | undefined; onDecide(d: Decision): Promise<void> }) {
  const { task } = view;
  const appeal = task.kind === 'appeal';
  const taskPolicy = view.policy?.id ?? view.appeal?.action.policy ?? null;
  // The task's policy first, then the queue's other policies: the buttons 1–9.
  const byId = new Map(policies.map((p) => [p.id, p]));
  const buttonIds = [...new Set([taskPolicy, ...(queue?.policies ?? [])].filter((p): p is string => Boolean(p) && byId.has(p!)))].slice(0, 9);
  const others = policies.filter((p) => !p.archived && !buttonIds.includes(p.id));
  const defaults = view.default_actions;
  const choices = [...new Set([...defaults, ...(ACTION_CHOICES[task.entity.type] ?? [])])];

  const [pending, setPending] = useState<Pending>(null);
  const [actions, setActions] = useState<VerdictAction[]>(defaults);
  const [notes, setNotes] = useState('');
  const [mode, setMode] = useState<'skip' | 'escalate' | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const confirmRef = useRef<HTMLButtonElement>(null);

  const choose = (policy: string | null) => {
    setMode(null);
    setError(undefined);
    setPending({ policy });
    setActions(defaults);
  };

  async function send(d: Decision) {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onDecide(d);
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  }

  const confirm = () => {
    if (!pending) return;
    const changed = !appeal && pending.policy !== null && (actions.length !== defaults.length || actions.some((a) => !defaults.includes(a)));
    void send({ kind: 'verdict', policy: pending.policy, actions: changed ? choices.filter((a) => actions.includes(a)) : undefined, notes });
  };

  // Shortcuts, read through a ref so the listener is added once.
  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  keys.current = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || busy) return;
    const k = e.key.toLowerCase();
    // Enter on a focused button is that button's (the Confirm button has the focus once a verdict is chosen).
    if (k === 'enter' && e.target instanceof HTMLButtonElement) return;
    let handled = true;
    if (k === 'enter') {
      if (pending) confirm();
      else handled = false;
    } else if (k === 'escape') {
      setPending(null);
      setMode(null);
    } else if (k === 's') setMode('skip');
    else if (k === 'e' && queue?.escalation_queue) setMode('escalate');
    else if (appeal) {
      if (k === 'u' || k === '1') choose(taskPolicy);
      else if (k === 'o' || k === '0') choose(null);
      else handled = false;
    } else if (k === '0' || k === 'n') choose(null);
    else if (/^[1-9]$/.test(k) && buttonIds[Number(k) - 1]) choose(buttonIds[Number(k) - 1]!);
    else handled = false;
    if (handled) e.preventDefault();
  };
  useEffect(() => {
    if (pending) confirmRef.current?.focus();
  }, [pending]);
  useEffect(() => {
    const listener = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const pendingLabel = pending && (appeal ? (pending.policy === null ? 'Overturn: revert the appealed action and what came with it' : 'Uphold: the action stands') : pending.policy === null ? 'No violation' : `Violation of ${byId.get(pending.policy)?.name ?? pending.policy}`);
  const isPending = (policy: string | null) => pending !== null && pending.policy === policy;

  return (
    <Panel title={appeal ? 'Decide the appeal' : 'Verdict'} className="review-decision">
      <div className="verdict-buttons" role="group" aria-label="Verdict" data-testid="verdict-buttons">
        {appeal ? (
          <>
            <button type="button" className={`btn verdict-btn${isPending(taskPolicy) ? ' chosen' : ''}`} aria-pressed={isPending(taskPolicy)} onClick={() => choose(taskPolicy)} disabled={busy}>
              <Key k="U" /> Uphold
            </button>
            <button type="button" className={`btn verdict-btn verdict-none${isPending(null) ? ' chosen' : ''}`} aria-pressed={isPending(null)} onClick={() => choose(null)} disabled={busy}>
              <Key k="O" /> Overturn
            </button>
          </>
        ) : (
          <>
            {buttonIds.map((id, i) => (
              <button
                key={id}
                type="button"
                className={`btn verdict-btn${id === taskPolicy ? ' verdict-task' : ''}${isPending(id) ? ' chosen' : ''}`}
                aria-pressed={isPending(id)}
                onClick={() => choose(id)}
                disabled={busy}
                data-policy={id}
                title={byId.get(id)?.definition}
              >
                <Key k={String(i + 1)} /> {byId.get(id)?.name ?? id}
              </button>
            ))}
            <button type="button" className={`btn verdict-btn verdict-none${isPending(null) ? ' chosen' : ''}`} aria-pressed={isPending(null)} onClick={() => choose(null)} disabled={busy}>
              <Key k="0" /> No violation
            </button>
            {others.length > 0 && (
              <select
                aria-label="Another policy"
                className="verdict-other"
                value={pending?.policy && !buttonIds.includes(pending.policy) ? pending.policy : ''}
                onChange={(e) => e.target.value && choose(e.target.value)}
                disabled={busy}
              >
                <option value="">Another policy…</option>
                {others.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.id})
                  </option>
                ))}
              </select>
            )}
          </>
        )}
      </div>

      {pending && (
        <div className="verdict-pending" data-testid="verdict-pending">
          <div className="pending-label">{pendingLabel}</div>
          {!appeal && pending.policy !== null && choices.length > 0 && (
            <fieldset className="enforcement" aria-label="Enforcement">
              <legend className="small muted">Enforcement</legend>
              {choices.map((a) => (
                <label key={a} className="check">
                  <input type="checkbox" checked={actions.includes(a)} onChange={() => setActions((cur) => (cur.includes(a) ? cur.filter((x) => x !== a) : [...cur, a]))} /> {a}
                  {defaults.includes(a) && <span className="muted small"> default</span>}
                </label>
              ))}
              {actions.length === 0 && <div className="hint-warn small">No enforcement: the verdict is recorded, nothing is done to the item.</div>}
            </fieldset>
          )}
          {!appeal && pending.policy === null && <div className="small muted">Undoes what automation did to the item for this policy and clears it.</div>}
          <label className="small muted" htmlFor="verdict-notes">
            Notes (optional; shortcuts are off while typing)
          </label>
          <textarea id="verdict-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={5000} />
          <div className="pending-actions">
            <button type="button" ref={confirmRef} className={`btn ${pending.policy === null || appeal ? 'btn-primary' : 'btn-danger'}`} onClick={confirm} disabled={busy}>
              <Key k="Enter" /> Confirm
            </button>
            <button type="button" className="btn" onClick={() => setPending(null)} disabled={busy}>
              <Key k="Esc" /> Cancel
            </button>
          </div>
        </div>
      )}

      <div className="side-actions">
        <button type="button" className={`btn${mode === 'skip' ? ' chosen' : ''}`} onClick={() => setMode(mode === 'skip' ? null : 'skip')} disabled={busy}>
          <Key k="S" /> Skip
        </button>
        <button
          type="button"
          className={`btn${mode === 'escalate' ? ' chosen' : ''}`}
          onClick={() => setMode(mode === 'escalate' ? null : 'escalate')}
          disabled={busy || !queue?.escalation_queue}
          title={queue?.escalation_queue ? `Send it to ${queue.escalation_queue}` : 'This queue has no escalation queue'}
        >
          <Key k="E" /> Escalate{queue?.escalation_queue ? ` to ${queue.escalation_queue}` : ''}
        </button>
      </div>
      {mode && (
        <form
          className="reason-form"
          aria-label={mode === 'skip' ? 'Skip the task' : 'Escalate the task'}
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) void send({ kind: mode, reason: reason.trim() });
          }}
        >
          <label htmlFor="reason">{mode === 'skip' ? 'Why skip it? (required)' : 'Why escalate it? (required)'}</label>
          <input
            id="reason"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={mode === 'skip' ? 'e.g. not my language, conflict of interest' : 'e.g. needs a specialist, legal question'}
            maxLength={1000}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setMode(null);
            }}
          />
          <button type="submit" className="btn" disabled={busy || !reason.trim()}>
            {mode === 'skip' ? 'Skip task' : 'Escalate task'}
          </button>
        </form>
      )}
      <ErrorNote error={error} title="Not recorded" />
    </Panel>
  );
}
