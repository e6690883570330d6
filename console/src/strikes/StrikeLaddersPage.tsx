// The strike ladders page (/strike-ladders): every ladder (the default and each policy's own), and an
// editor for one: how long a strike counts and the step reached at each count of active strikes. Admins
// save (PUT /v1/strike-ladders/:policy, a new version); the form's own checks and the server's messages
// ("body.steps.1.strikes: …") are shown at the field they name. Semantics: docs/enforcement.md.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, seg } from '../shared/api';
import { formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import type { Policy } from '../shared/types';
import { Badge, Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { fromDraft, mayEditLadders, mayRead, STEP_ACTIONS, stepText, toDraft, type Ladder, type LadderDraft, type LadderInEffect, type Problem, type StepAction, type StepDraft } from './types';
import './strikes.css';

function problemOf(err: unknown): Problem {
  if (err instanceof ApiError) {
    const m = /^body\.([A-Za-z0-9_.]+):/.exec(err.message) ?? /^body\/([A-Za-z0-9_/]+) /.exec(err.message);
    return { field: m?.[1]?.replace(/\//g, '.'), message: err.message, status: err.status };
  }
  return { message: (err as Error).message ?? String(err) };
}

export function StrikeLaddersPage() {
  const { api, me } = useSession();
  const [selected, setSelected] = useState('default');
  const ladders = useLoad((signal) => api.get<{ ladders: Ladder[] }>('/v1/strike-ladders', undefined, signal).then((r) => r.ladders), [api]);
  const policies = useLoad((signal) => api.get<{ policies: Policy[] }>('/v1/policies', undefined, signal).then((r) => r.policies), [api]);
  const header = (
    <PageHeader
      title="Strike ladders"
      subtitle="What happens to an account as its strikes add up. Each policy may have its own ladder; the others share the default. A strike counts toward the next step until it expires or is reverted."
    />
  );
  if (!mayRead(me.roles)) {
    return (
      <>
        {header}
        <Empty>Strike ladders are read by admins, analysts, moderators and viewers; this key has {me.roles.join(', ') || 'no role'}.</Empty>
      </>
    );
  }
  return (
    <>
      {header}
      <Panel title="Ladders">
        {ladders.error && <ErrorNote error={ladders.error} />}
        {!ladders.data ? (
          <Loading what="ladders" />
        ) : (
          <table className="table" data-testid="ladders">
            <thead>
              <tr>
                <th>Ladder</th>
                <th>Steps</th>
                <th className="num">Strikes count for</th>
                <th>Version</th>
              </tr>
            </thead>
            <tbody>
              {ladders.data.map((l) => (
                <tr key={l.ladder} data-ladder={l.ladder} className={l.ladder === selected ? 'selected' : undefined}>
                  <td>
                    <button type="button" className="btn-link" onClick={() => setSelected(l.ladder)}>
                      {l.ladder === 'default' ? 'Default (policies without their own)' : l.ladder}
                    </button>
                  </td>
                  <td>
                    <ol className="ladder-summary">
                      {l.steps.map((s) => (
                        <li key={s.strikes}>
                          <strong>{s.strikes}</strong> → {stepText(s)}
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td className="num">{l.expiry_days} days</td>
                  <td className="muted small">
                    v{l.version} · {l.updated_by} · {formatTime(l.updated_at)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <LadderEditor
        selected={selected}
        onSelect={setSelected}
        policies={policies.data ?? []}
        canEdit={mayEditLadders(me.roles)}
        onSaved={ladders.reload}
      />
    </>
  );
}

const emptyStep = (strikes: number): StepDraft => ({ strikes: String(strikes), action: 'warn', features: '', duration_days: '', message: '' });

function LadderEditor({ selected, onSelect, policies, canEdit, onSaved }: { selected: string; onSelect(ladder: string): void; policies: Policy[]; canEdit: boolean; onSaved(): void }) {
  const { api } = useSession();
  const loaded = useLoad((signal) => api.get<LadderInEffect>(`/v1/strike-ladders/${seg(selected)}`, undefined, signal), [api, selected]);
  const [draft, setDraft] = useState<LadderDraft>();
  const [problem, setProblem] = useState<Problem>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string>();
  useEffect(() => {
    setDraft(loaded.data ? toDraft(loaded.data.ladder) : undefined);
    setProblem(undefined);
  }, [loaded.data]);
  useEffect(() => setSaved(undefined), [selected]);

  const picker = (
    <label className="ladder-picker">
      Ladder of{' '}
      <select aria-label="Ladder to edit" value={selected} onChange={(e) => onSelect(e.target.value)}>
        <option value="default">the default</option>
        {policies.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.id})
          </option>
        ))}
      </select>
    </label>
  );
  if (loaded.error)
    return (
      <Panel title="Edit ladder" extra={picker}>
        <ErrorNote error={loaded.error} />
      </Panel>
    );
  if (!loaded.data || !draft)
    return (
      <Panel title="Edit ladder" extra={picker}>
        <Loading what="ladder" />
      </Panel>
    );
  const inherited = selected !== 'default' && !loaded.data.own;
  const set = (patch: Partial<LadderDraft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(undefined);
  };
  const setStep = (i: number, patch: Partial<StepDraft>) => set({ steps: draft.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });

  async function save(e: FormEvent) {
    e.preventDefault();
    const { ladder, problem: local } = fromDraft(draft!);
    setProblem(local);
    setSaved(undefined);
    if (!ladder) return;
    setSaving(true);
    try {
      const stored = await api.put<Ladder>(`/v1/strike-ladders/${seg(selected)}`, ladder);
      setSaved(`Saved as version ${stored.version}. New strikes are counted with it.`);
      onSaved();
      loaded.reload();
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setSaving(false);
    }
  }

  const fieldError = (field: string) =>
    problem?.field === field ? (
      <div className="field-error" role="alert" id={`ladder-${field.replace(/\./g, '-')}-error`}>
        {problem.message}
      </div>
    ) : null;
  const cell = (field: string, input: ReactNode) => (
    <td className={problem?.field === field ? 'field-invalid' : undefined}>
      {input}
      {fieldError(field)}
    </td>
  );
  const known = problem?.field && (problem.field === 'expiry_days' || problem.field.startsWith('steps.'));

  return (
    <Panel title="Edit ladder" extra={picker}>
      {inherited && (
        <p className="notice" data-testid="ladder-inherited">
          {selected} has no ladder of its own: it uses the default below. Saving gives it its own.
        </p>
      )}
      <form className="form" aria-label="Strike ladder" onSubmit={(e) => void save(e)} noValidate data-testid="ladder-form">
        <fieldset disabled={!canEdit}>
          <div className={`field${problem?.field === 'expiry_days' ? ' field-invalid' : ''}`}>
            <label htmlFor="ladder-expiry_days">A strike counts for</label>
            <span className="ladder-input">
              <input id="ladder-expiry_days" name="expiry_days" type="number" min={1} step="1" value={draft.expiry_days} onChange={(e) => set({ expiry_days: e.target.value })} /> <span className="muted">days</span>
            </span>
            {fieldError('expiry_days')}
          </div>
          <table className="table ladder-steps" data-testid="ladder-steps">
            <thead>
              <tr>
                <th>At active strikes</th>
                <th>Action</th>
                <th>Features limited (restrict)</th>
                <th>Duration in days (empty: permanent)</th>
                <th>Message (warn)</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.steps.map((s, i) => (
                <tr key={i} data-step={i}>
                  {cell(`steps.${i}.strikes`, <input aria-label={`Step ${i + 1} strikes`} type="number" min={1} step="1" value={s.strikes} onChange={(e) => setStep(i, { strikes: e.target.value })} />)}
                  {cell(
                    `steps.${i}.action`,
                    <select aria-label={`Step ${i + 1} action`} value={s.action} onChange={(e) => setStep(i, { action: e.target.value as StepAction })}>
                      {STEP_ACTIONS.map((a) => (
                        <option key={a}>{a}</option>
                      ))}
                    </select>,
                  )}
                  {cell(`steps.${i}.features`, <input aria-label={`Step ${i + 1} features`} value={s.features} disabled={s.action !== 'restrict'} placeholder={s.action === 'restrict' ? 'live, post, sell' : ''} onChange={(e) => setStep(i, { features: e.target.value })} />)}
                  {cell(
                    `steps.${i}.duration_days`,
                    <input aria-label={`Step ${i + 1} duration`} type="number" step="any" min={0} value={s.duration_days} disabled={s.action === 'warn' || s.action === 'ban'} onChange={(e) => setStep(i, { duration_days: e.target.value })} />,
                  )}
                  {cell(`steps.${i}.message`, <input aria-label={`Step ${i + 1} message`} value={s.message} disabled={s.action !== 'warn'} onChange={(e) => setStep(i, { message: e.target.value })} />)}
                  <td className="num">
                    {canEdit && (
                      <button type="button" className="btn-link small" aria-label={`Remove step ${i + 1}`} onClick={() => set({ steps: draft.steps.filter((_, j) => j !== i) })}>
                        remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {fieldError('steps')}
          {canEdit && (
            <button type="button" className="btn" onClick={() => set({ steps: [...draft.steps, emptyStep((Number(draft.steps.at(-1)?.strikes) || 0) + 1)] })}>
              Add step
            </button>
          )}
        </fieldset>
        {problem && !known && (
          <div className="error-note" role="alert">
            <strong>Not saved{problem.status ? ` (${problem.status})` : ''}: </strong>
            {problem.message}
          </div>
        )}
        {problem && known && (
          <div className="error-note" data-testid="ladder-problem">
            <strong>Not saved{problem.status ? ` (${problem.status})` : ''}.</strong> See the field marked above.
          </div>
        )}
        {saved && (
          <div className="notice" role="status" data-testid="ladder-saved">
            {saved}
          </div>
        )}
        {canEdit ? (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save ladder'}
            </button>{' '}
            <button type="button" className="btn" disabled={saving} onClick={() => { setDraft(toDraft(loaded.data!.ladder)); setProblem(undefined); }}>
              Discard changes
            </button>
          </div>
        ) : (
          <p className="muted small">Read-only: only admins change strike ladders.</p>
        )}
        {!inherited && loaded.data.versions.length > 0 && (
          <p className="muted small" data-testid="ladder-versions">
            Versions: {loaded.data.versions.map((v) => `v${v.version} by ${v.changed_by} (${formatTime(v.changed_at)})`).join(' · ')} <Badge>current v{loaded.data.ladder.version}</Badge>
          </p>
        )}
      </form>
    </Panel>
  );
}
