// The queue form: id (on create), name, description, the policies it reviews (chosen from the catalogue),
// its languages, its SLA (minutes to a verdict), the queue a moderator escalates to, and the teams whose
// moderators may work it. Validation is the server's, shown inline.
import { useState } from 'react';
import { Field } from '../shared/form';
import { RecordForm, useRecordForm, type RecordFormProps } from '../shared/RecordForm';
import { QUEUES } from '../shared/recordKinds';
import type { Policy, Queue, QueueInput } from '../shared/types';

export type QueueDraft = QueueInput & { id: string };

const FIELDS = ['id', 'name', 'description', 'policies', 'languages', 'sla_minutes', 'escalation_queue', 'teams'];

const parseLanguages = (text: string) => [...new Set(text.split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))];

export function QueueForm({ initial, policies, queues, creating, readOnly, onSave }: RecordFormProps<Queue, QueueDraft> & { policies: Policy[]; queues: Queue[] }) {
  const [id, setId] = useState(initial?.id ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [chosen, setChosen] = useState<string[]>(initial?.policies ?? []);
  const [languages, setLanguages] = useState((initial?.languages ?? []).join(', '));
  const [sla, setSla] = useState(String(initial?.sla_minutes ?? 1440));
  const [escalation, setEscalation] = useState(initial?.escalation_queue ?? '');
  const [teams, setTeams] = useState((initial?.teams ?? []).join(', '));
  const form = useRecordForm(() =>
    onSave({
      id,
      name,
      description,
      policies: chosen,
      languages: parseLanguages(languages),
      // A number the server checks; text that is not one is sent as it is so its message names the field.
      sla_minutes: (sla.trim() && Number.isInteger(Number(sla)) ? Number(sla) : sla) as number,
      escalation_queue: escalation || null,
      teams: parseLanguages(teams),
    }),
  );
  const { error, invalid } = form;

  // Policies the queue refers to that are no longer in the active catalogue stay visible (and removable).
  const known = new Set(policies.map((p) => p.id));
  const options = [...policies.map((p) => ({ id: p.id, name: p.name, missing: false })), ...chosen.filter((c) => !known.has(c)).map((c) => ({ id: c, name: 'not an active policy', missing: true }))];

  const toggle = (pid: string) => setChosen((c) => (c.includes(pid) ? c.filter((x) => x !== pid) : [...c, pid]));

  return (
    <RecordForm kind={QUEUES} form={form} fields={FIELDS} creating={creating} readOnly={readOnly} id={id} onIdChange={setId} idHint="lower_snake_case, fixed once created">
      <Field id="name" label="Name" error={error}>
        <input id="name" value={name} onChange={(e) => setName(e.target.value)} {...invalid('name')} />
      </Field>
      <Field id="description" label="Description" error={error}>
        <textarea id="description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} {...invalid('description')} />
      </Field>
      <div className={`field${error?.field === 'policies' ? ' field-invalid' : ''}`}>
        <span className="label" id="policies-label">
          Policies reviewed <span className="muted">({chosen.length} selected)</span>
        </span>
        <div className="checklist" role="group" aria-labelledby="policies-label" data-testid="queue-policies">
          {options.length === 0 && <span className="muted">No policies in the catalogue yet.</span>}
          {options.map((p) => (
            <label key={p.id} className={`check${p.missing ? ' missing' : ''}`}>
              <input type="checkbox" checked={chosen.includes(p.id)} onChange={() => toggle(p.id)} value={p.id} />
              <code>{p.id}</code> <span className="muted">{p.name}</span>
            </label>
          ))}
        </div>
        {error?.field === 'policies' && (
          <div className="field-error" role="alert">
            {error.message}
          </div>
        )}
      </div>
      <Field id="languages" label="Languages" hint="Language codes separated by commas, e.g. en, es, ar. Empty means any language." error={error}>
        <input id="languages" value={languages} onChange={(e) => setLanguages(e.target.value)} spellCheck={false} {...invalid('languages')} />
      </Field>
      <Field id="sla_minutes" label="SLA (minutes)" hint="Time to a verdict the queue aims for: a task is due this long after it is raised. 1440 is a day." error={error}>
        <input id="sla_minutes" className="input-short" inputMode="numeric" value={sla} onChange={(e) => setSla(e.target.value)} {...invalid('sla_minutes')} />
      </Field>
      <Field id="escalation_queue" label="Escalation queue" hint="Where a moderator escalates a task to, and where appeals go when no routing rule says otherwise." error={error}>
        <select id="escalation_queue" value={escalation} onChange={(e) => setEscalation(e.target.value)} {...invalid('escalation_queue')}>
          <option value="">none</option>
          {queues
            .filter((q) => q.id !== id && (!q.archived || q.id === escalation))
            .map((q) => (
              <option key={q.id} value={q.id}>
                {q.name} ({q.id})
              </option>
            ))}
        </select>
      </Field>
      <Field id="teams" label="Teams" hint="Teams whose moderators may work this queue, separated by commas. Empty means every moderator." error={error}>
        <input id="teams" value={teams} onChange={(e) => setTeams(e.target.value)} spellCheck={false} {...invalid('teams')} />
      </Field>
    </RecordForm>
  );
}
