// The admin's editor of one moderator profile: languages, budgets and shifts as rows to add and remove, so a
// profile reads the way an operations lead thinks of it. Nothing is checked here beyond turning text into
// numbers: the server validates, and its message ("body/languages/…") is shown at the section it names.
import { useState, type FormEvent, type ReactNode } from 'react';
import { seg } from '../shared/api';
import { Field, formErrorOf, type FormError } from '../shared/form';
import { useSession } from '../shared/session';
import { actorOfKey, DAY_NAMES, PROFICIENCIES, type KeyInfo, type ModeratorProfile, type Proficiency } from './types';

interface Draft {
  id: string;
  display_name: string;
  active: boolean;
  capacity: string;
  shift_hours: string;
  languages: { code: string; level: Proficiency }[];
  budgets: { category: string; items: string }[];
  schedule: { days: number[]; start: string; end: string }[];
}

const draftOf = (p?: ModeratorProfile): Draft => ({
  id: p?.id ?? '',
  display_name: p?.display_name ?? '',
  active: p?.active ?? true,
  capacity: String(p?.capacity ?? 1),
  shift_hours: String(p?.shift_hours ?? 8),
  languages: p ? Object.entries(p.languages).map(([code, level]) => ({ code, level })) : [{ code: 'en', level: 'fluent' }],
  budgets: p ? Object.entries(p.exposure_budgets).map(([category, items]) => ({ category, items: String(items) })) : [],
  schedule: p?.schedule.map((w) => ({ ...w, days: [...w.days] })) ?? [],
});

/** Empty text stays out of the body so the server's defaults apply; anything else goes as typed. */
const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

export function ProfileForm({ initial, keys, onSaved, onCancel }: { initial?: ModeratorProfile; keys: KeyInfo[]; onSaved(p: ModeratorProfile): void; onCancel(): void }) {
  const { api } = useSession();
  const [d, setD] = useState<Draft>(() => draftOf(initial));
  const [error, setError] = useState<FormError>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const creating = !initial;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    if (!d.id.trim()) return setError({ field: 'id', message: 'choose the moderator’s key' });
    const body = {
      display_name: d.display_name.trim() || undefined,
      active: d.active,
      capacity: num(d.capacity),
      shift_hours: num(d.shift_hours),
      languages: Object.fromEntries(d.languages.filter((l) => l.code.trim()).map((l) => [l.code.trim(), l.level])),
      exposure_budgets: Object.fromEntries(d.budgets.filter((b) => b.category.trim()).map((b) => [b.category.trim(), num(b.items) ?? 0])),
      schedule: d.schedule,
    };
    setBusy(true);
    try {
      onSaved(await api.put<ModeratorProfile>(`/v1/moderators/${seg(d.id.trim())}`, body));
    } catch (err) {
      setError(formErrorOf(err));
    } finally {
      setBusy(false);
    }
  }

  const moderatorKeys = keys.filter((k) => !k.revoked_at && (k.roles.includes('moderator') || k.roles.includes('admin')));
  return (
    <form className="form form-wide workforce-form" onSubmit={submit} data-testid="profile-form" noValidate>
      <div className="field-row field-row-even">
        <Field id="id" label="Moderator" hint="the API key the moderator signs in with" error={error}>
          {creating ? (
            <select id="id" value={d.id} onChange={(e) => set({ id: e.target.value })}>
              <option value="">Choose a key…</option>
              {moderatorKeys.map((k) => (
                <option key={k.id} value={actorOfKey(k)}>
                  {k.name} ({k.roles.join(', ')})
                </option>
              ))}
            </select>
          ) : (
            <input id="id" value={d.id} readOnly />
          )}
        </Field>
        <Field id="display_name" label="Display name" error={error}>
          <input id="display_name" value={d.display_name} onChange={(e) => set({ display_name: e.target.value })} />
        </Field>
      </div>
      <div className="field-row workforce-numbers">
        <Field id="capacity" label="Capacity" hint="tasks held at once" error={error}>
          <input id="capacity" type="number" value={d.capacity} onChange={(e) => set({ capacity: e.target.value })} />
        </Field>
        <Field id="shift_hours" label="Shift hours" hint="how far back a budget counts" error={error}>
          <input id="shift_hours" type="number" value={d.shift_hours} onChange={(e) => set({ shift_hours: e.target.value })} />
        </Field>
        <div className="field">
          <label>
            <input type="checkbox" checked={d.active} onChange={(e) => set({ active: e.target.checked })} /> Active
          </label>
          <div className="hint">inactive moderators get no tasks</div>
        </div>
      </div>

      <Rows title="Languages" field="languages" error={error} onAdd={() => set({ languages: [...d.languages, { code: '', level: 'fluent' }] })}>
        {d.languages.map((l, i) => (
          <div className="row-line" key={i}>
            <input aria-label={`Language ${i + 1} code`} placeholder="en" className="input-short" value={l.code} onChange={(e) => set({ languages: d.languages.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)) })} />
            <select aria-label={`Language ${i + 1} level`} value={l.level} onChange={(e) => set({ languages: d.languages.map((x, j) => (j === i ? { ...x, level: e.target.value as Proficiency } : x)) })}>
              {PROFICIENCIES.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
            <Remove onClick={() => set({ languages: d.languages.filter((_, j) => j !== i) })} />
          </div>
        ))}
      </Rows>

      <Rows title="Exposure budgets" hint="items of a harm category per shift; none = no limit" field="exposure_budgets" error={error} onAdd={() => set({ budgets: [...d.budgets, { category: '', items: '' }] })}>
        {d.budgets.map((b, i) => (
          <div className="row-line" key={i}>
            <input aria-label={`Budget ${i + 1} category`} placeholder="graphic_violence" value={b.category} onChange={(e) => set({ budgets: d.budgets.map((x, j) => (j === i ? { ...x, category: e.target.value } : x)) })} />
            <input aria-label={`Budget ${i + 1} items`} type="number" className="input-short" value={b.items} onChange={(e) => set({ budgets: d.budgets.map((x, j) => (j === i ? { ...x, items: e.target.value } : x)) })} /> items
            <Remove onClick={() => set({ budgets: d.budgets.filter((_, j) => j !== i) })} />
          </div>
        ))}
      </Rows>

      <Rows title="Schedule (UTC)" hint="no shifts = always on shift; an end before the start runs past midnight" field="schedule" error={error} onAdd={() => set({ schedule: [...d.schedule, { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }] })}>
        {d.schedule.map((w, i) => {
          const put = (patch: Partial<Draft['schedule'][number]>) => set({ schedule: d.schedule.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
          return (
            <div className="row-line" key={i}>
              {DAY_NAMES.map((name, k) => (
                <label key={name} className="day">
                  <input type="checkbox" checked={w.days.includes(k + 1)} onChange={(e) => put({ days: e.target.checked ? [...w.days, k + 1].sort() : w.days.filter((x) => x !== k + 1) })} />
                  {name}
                </label>
              ))}
              <input aria-label={`Shift ${i + 1} start`} className="input-short" value={w.start} onChange={(e) => put({ start: e.target.value })} />–
              <input aria-label={`Shift ${i + 1} end`} className="input-short" value={w.end} onChange={(e) => put({ end: e.target.value })} />
              <Remove onClick={() => set({ schedule: d.schedule.filter((_, j) => j !== i) })} />
            </div>
          );
        })}
      </Rows>

      {error && !['id', 'display_name', 'capacity', 'shift_hours', 'languages', 'exposure_budgets', 'schedule'].includes(error.field ?? '') && (
        <div className="error-note" role="alert">
          <strong>Not saved{error.status ? ` (${error.status})` : ''}: </strong>
          {error.message}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Save profile
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Rows({ title, hint, field, error, onAdd, children }: { title: string; hint?: string; field: string; error?: FormError; onAdd(): void; children: ReactNode }) {
  const mine = error?.field === field ? error : undefined;
  return (
    <fieldset className={`rows${mine ? ' field-invalid' : ''}`} data-testid={`rows-${field}`}>
      <legend>{title}</legend>
      {hint && <div className="hint">{hint}</div>}
      {children}
      <button type="button" className="btn-link" onClick={onAdd}>
        + add
      </button>
      {mine && (
        <div className="field-error" role="alert">
          {mine.message}
        </div>
      )}
    </fieldset>
  );
}

const Remove = ({ onClick }: { onClick(): void }) => (
  <button type="button" className="btn-link" onClick={onClick} title="Remove this row">
    remove
  </button>
);
