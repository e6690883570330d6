// The guardrail settings: the daily cap per strategy, daily caps per action type, and the auto-pause rule.
// Admins edit them (PUT /v1/guardrails, the whole settings at once); everyone else reads them. The server
// validates; its message ("body.auto_pause.max_hit_share: must be <= 1") is shown at the field it names.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../shared/api';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { ErrorNote, Loading, Panel } from '../shared/ui';
import { ACTION_KINDS, mayEditSettings, type GuardrailSettings } from './types';

/** The form keeps what was typed (an emptied field is '', not 0). */
interface Draft {
  strategy_daily_cap: string;
  caps: { action: string; cap: string }[];
  enabled: boolean;
  within_hours: string;
  max_hit_share: string;
  max_rate_multiple: string;
  min_hits: string;
}

const toDraft = (s: GuardrailSettings): Draft => ({
  strategy_daily_cap: String(s.strategy_daily_cap),
  caps: Object.entries(s.action_daily_caps).map(([action, cap]) => ({ action, cap: String(cap) })),
  enabled: s.auto_pause.enabled,
  within_hours: String(s.auto_pause.within_hours),
  max_hit_share: String(s.auto_pause.max_hit_share),
  max_rate_multiple: String(s.auto_pause.max_rate_multiple),
  min_hits: String(s.auto_pause.min_hits),
});

/** Field keys are the settings' paths as the server names them: strategy_daily_cap, action_daily_caps.suspend, auto_pause.min_hits. */
type Problem = { field?: string; message: string; status?: number };

function fromDraft(d: Draft): { settings?: GuardrailSettings; problem?: Problem } {
  // The server coerces a null to 0 (no cap), so an emptied field is stopped here, never sent.
  const empty = (field: string, label: string): Problem => ({ field, message: `${label}: enter a number` });
  const num = (v: string) => Number(v.trim());
  if (!d.strategy_daily_cap.trim()) return { problem: empty('strategy_daily_cap', 'daily cap per strategy') };
  for (const c of d.caps) if (!c.cap.trim()) return { problem: empty(`action_daily_caps.${c.action}`, `daily cap of ${c.action}`) };
  const auto: [keyof Draft, string][] = [
    ['within_hours', 'hours after going live'],
    ['max_hit_share', 'share of events'],
    ['max_rate_multiple', 'multiple of the trailing rate'],
    ['min_hits', 'minimum hits'],
  ];
  for (const [k, label] of auto) if (!String(d[k]).trim()) return { problem: empty(`auto_pause.${k}`, label) };
  return {
    settings: {
      strategy_daily_cap: num(d.strategy_daily_cap),
      action_daily_caps: Object.fromEntries(d.caps.map((c) => [c.action, num(c.cap)])),
      auto_pause: { enabled: d.enabled, within_hours: num(d.within_hours), max_hit_share: num(d.max_hit_share), max_rate_multiple: num(d.max_rate_multiple), min_hits: num(d.min_hits) },
    },
  };
}

function problemOf(err: unknown): Problem {
  if (err instanceof ApiError) {
    const m = /^body\.([A-Za-z0-9_.]+):/.exec(err.message);
    return { field: m?.[1], message: err.message, status: err.status };
  }
  return { message: (err as Error).message ?? String(err) };
}

const same = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

export function SettingsPanel() {
  const { api, me } = useSession();
  const canEdit = mayEditSettings(me.roles);
  const loaded = useLoad((signal) => api.get<GuardrailSettings>('/v1/guardrails', undefined, signal), [api]);
  const [draft, setDraft] = useState<Draft>();
  const [adding, setAdding] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string>();
  useEffect(() => {
    if (loaded.data) setDraft(toDraft(loaded.data));
  }, [loaded.data]);

  if (loaded.error) {
    return (
      <Panel title="Settings">
        <ErrorNote error={loaded.error} />
      </Panel>
    );
  }
  if (!loaded.data || !draft) {
    return (
      <Panel title="Settings">
        <Loading what="guardrail settings" />
      </Panel>
    );
  }
  const base = toDraft(loaded.data);
  const dirty = !same(draft, base);
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(undefined);
  };
  const setCap = (action: string, cap: string) => set({ caps: draft.caps.map((c) => (c.action === action ? { ...c, cap } : c)) });
  const uncapped = ACTION_KINDS.filter((k) => !draft.caps.some((c) => c.action === k));

  async function save(e: FormEvent) {
    e.preventDefault();
    const { settings, problem: local } = fromDraft(draft!);
    setProblem(local);
    setSaved(undefined);
    if (!settings) return;
    setSaving(true);
    try {
      const stored = await api.put<GuardrailSettings>('/v1/guardrails', settings);
      setDraft(toDraft(stored));
      loaded.reload();
      setSaved('Saved. The decision pipeline applies the new settings from its next batch.');
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setSaving(false);
    }
  }

  /** A labelled number input with the server's (or the form's) message when it names this field. */
  const numberField = (field: string, label: ReactNode, value: string, onChange: (v: string) => void, opts: { step?: string; min?: number; max?: number; hint?: ReactNode; unit?: string; bare?: boolean } = {}) => {
    const mine = problem?.field === field ? problem : undefined;
    const id = `g-${field.replace(/\./g, '-')}`;
    return (
      <div className={`field${mine ? ' field-invalid' : ''}`}>
        {!opts.bare && <label htmlFor={id}>{label}</label>}
        <span className="guard-input">
          <input
            id={id}
            name={field}
            type="number"
            inputMode="decimal"
            step={opts.step ?? '1'}
            min={opts.min}
            max={opts.max}
            value={value}
            aria-label={opts.bare && typeof label === 'string' ? label : undefined}
            aria-invalid={mine ? true : undefined}
            aria-describedby={mine ? `${id}-error` : undefined}
            onChange={(e) => onChange(e.target.value)}
          />
          {opts.unit && <span className="muted">{opts.unit}</span>}
        </span>
        {opts.hint && <div className="hint">{opts.hint}</div>}
        {mine && (
          <div className="field-error" role="alert" id={`${id}-error`}>
            {mine.message}
          </div>
        )}
      </div>
    );
  };
  const share = Number(draft.max_hit_share);
  const otherProblem = problem && !(problem.field && (problem.field === 'strategy_daily_cap' || problem.field.startsWith('action_daily_caps.') || problem.field.startsWith('auto_pause.'))) ? problem : undefined;

  return (
    <Panel title="Settings" extra={!canEdit && <span className="muted small">read-only: only admins change guardrails</span>}>
      <form className="form guard-form" aria-label="Guardrail settings" onSubmit={(e) => void save(e)} noValidate data-testid="guardrail-settings">
        <fieldset disabled={!canEdit}>
        <h3>Daily caps</h3>
        <p className="muted small">Automated actions applied per UTC day. Past a cap the actions are suppressed (each decision lists them with the reason) and a “cap reached” alert is raised. 0 means no cap.</p>
        {numberField('strategy_daily_cap', 'Per strategy', draft.strategy_daily_cap, (v) => set({ strategy_daily_cap: v }), {
          min: 0,
          unit: 'actions a day',
          hint: Number(draft.strategy_daily_cap) === 0 && draft.strategy_daily_cap.trim() ? 'no cap' : undefined,
        })}
        <div className="label">Per action type, across strategies</div>
        <table className="table guard-caps" data-testid="action-caps">
          <tbody>
            {draft.caps.map((c) => (
              <tr key={c.action} data-action={c.action}>
                <td>
                  <code>{c.action}</code>
                </td>
                <td>
                  {numberField(`action_daily_caps.${c.action}`, `Daily cap of ${c.action}`, c.cap, (v) => setCap(c.action, v), { min: 0, unit: 'a day', bare: true })}
                </td>
                <td className="num">
                  {canEdit && (
                    <button type="button" className="btn-link small" aria-label={`Remove the cap on ${c.action}`} onClick={() => set({ caps: draft.caps.filter((x) => x.action !== c.action) })}>
                      remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {draft.caps.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  No action type is capped.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {canEdit && uncapped.length > 0 && (
          <div className="toolbar guard-add-cap">
            <select aria-label="Action type to cap" value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="">action type…</option>
              {uncapped.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
            <button
              type="button"
              className="btn"
              disabled={!adding}
              onClick={() => {
                set({ caps: [...draft.caps, { action: adding, cap: '1000' }] });
                setAdding('');
              }}
            >
              Add cap
            </button>
          </div>
        )}

        <h3>Auto-pause</h3>
        <p className="muted small">Pauses a strategy, with an alert, that fires far more than it should soon after a version goes live or into rollout.</p>
        <label className="check">
          <input type="checkbox" name="auto_pause.enabled" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Pause strategies automatically
        </label>
        <div className={`guard-auto${draft.enabled ? '' : ' guard-off'}`}>
          {numberField('auto_pause.within_hours', 'Within', draft.within_hours, (v) => set({ within_hours: v }), { step: 'any', min: 0, unit: 'hours of going live' })}
          {numberField('auto_pause.max_hit_share', 'When its hits exceed this share of the events it evaluated', draft.max_hit_share, (v) => set({ max_hit_share: v }), {
            step: 'any',
            min: 0,
            max: 1,
            unit: 'of events (0–1)',
            hint: Number.isFinite(share) && draft.max_hit_share.trim() ? `= ${(share * 100).toFixed(1)} %` : undefined,
          })}
          {numberField('auto_pause.max_rate_multiple', 'or this multiple of its trailing 7-day rate', draft.max_rate_multiple, (v) => set({ max_rate_multiple: v }), { step: 'any', min: 1, unit: '×' })}
          {numberField('auto_pause.min_hits', 'once it has at least', draft.min_hits, (v) => set({ min_hits: v }), { min: 1, unit: 'hits' })}
        </div>
        {!draft.enabled && <p className="muted small">Auto-pause is off: the numbers above are kept but not applied.</p>}
        </fieldset>

        {otherProblem && (
          <div className="error-note" role="alert">
            <strong>Not saved{otherProblem.status ? ` (${otherProblem.status})` : ''}: </strong>
            {otherProblem.message}
          </div>
        )}
        {problem && !otherProblem && (
          <div className="error-note" role="alert" data-testid="settings-problem">
            <strong>Not saved{problem.status ? ` (${problem.status})` : ''}.</strong> See the field marked above.
          </div>
        )}
        {saved && (
          <div className="notice" role="status" data-testid="settings-saved">
            {saved}
          </div>
        )}
        {canEdit && (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={!dirty || saving}>
              {saving ? 'Saving…' : 'Save settings'}
            </button>{' '}
            <button
              type="button"
              className="btn"
              disabled={!dirty || saving}
              onClick={() => {
                setDraft(base);
                setProblem(undefined);
              }}
            >
              Discard changes
            </button>
          </div>
        )}
      </form>
    </Panel>
  );
}
