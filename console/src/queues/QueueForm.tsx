// The queue form: id (on create), name, description, the policies it reviews (chosen from the catalogue)
// and its languages. Validation is the server's, shown inline.
import { useState } from 'react';
import { Field } from '../shared/form';
import { RecordForm, useRecordForm, type RecordFormProps } from '../shared/RecordForm';
import { QUEUES } from '../shared/recordKinds';
import type { Policy, Queue, QueueInput } from '../shared/types';

export type QueueDraft = QueueInput & { id: string };

const FIELDS = ['id', 'name', 'description', 'policies', 'languages'];

const parseLanguages = (text: string) => [...new Set(text.split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))];

export function QueueForm({ initial, policies, creating, readOnly, onSave }: RecordFormProps<Queue, QueueDraft> & { policies: Policy[] }) {
  const [id, setId] = useState(initial?.id ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [chosen, setChosen] = useState<string[]>(initial?.policies ?? []);
  const [languages, setLanguages] = useState((initial?.languages ?? []).join(', '));
  const form = useRecordForm(() => onSave({ id, name, description, policies: chosen, languages: parseLanguages(languages) }));
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
    </RecordForm>
  );
}
