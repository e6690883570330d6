// The policy form: id (on create), name, definition, severity tier and EU DSA category. Validation is the
// server's: its 4xx message is shown at the field it names, or above the buttons.
import { useState } from 'react';
import { DSA_CATEGORIES, SEVERITY_LABELS, dsaLabel } from '../shared/dsa';
import { Field } from '../shared/form';
import { RecordForm, useRecordForm, type RecordFormProps } from '../shared/RecordForm';
import { POLICIES } from '../shared/recordKinds';
import type { Policy, PolicyInput } from '../shared/types';

export type PolicyDraft = PolicyInput & { id: string };

const FIELDS = ['id', 'name', 'definition', 'severity_tier', 'dsa_category'];

export function PolicyForm({ initial, creating, readOnly, onSave }: RecordFormProps<Policy, PolicyDraft>) {
  const [draft, setDraft] = useState<PolicyDraft>(() => ({
    id: initial?.id ?? '',
    name: initial?.name ?? '',
    definition: initial?.definition ?? '',
    severity_tier: initial?.severity_tier ?? 3,
    dsa_category: initial?.dsa_category ?? '',
  }));
  const set = <K extends keyof PolicyDraft>(k: K, v: PolicyDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const form = useRecordForm(() => onSave(draft));
  const { error, invalid } = form;

  return (
    <RecordForm
      kind={POLICIES}
      form={form}
      fields={FIELDS}
      creating={creating}
      readOnly={readOnly}
      id={draft.id}
      onIdChange={(id) => set('id', id)}
      idHint="lower_snake_case, fixed once created; strategies and queues refer to it"
    >
      <Field id="name" label="Name" error={error}>
        <input id="name" value={draft.name} onChange={(e) => set('name', e.target.value)} {...invalid('name')} />
      </Field>
      <Field id="definition" label="Definition" hint="What is not allowed, as reviewers will read it" error={error}>
        <textarea id="definition" rows={6} value={draft.definition} onChange={(e) => set('definition', e.target.value)} {...invalid('definition')} />
      </Field>
      <div className="field-row">
        <Field id="severity_tier" label="Severity tier" error={error}>
          <select id="severity_tier" value={draft.severity_tier} onChange={(e) => set('severity_tier', Number(e.target.value))} {...invalid('severity_tier')}>
            {[1, 2, 3, 4].map((t) => (
              <option key={t} value={t}>
                {SEVERITY_LABELS[t]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="dsa_category" label="EU DSA category" error={error}>
          <select id="dsa_category" value={draft.dsa_category} onChange={(e) => set('dsa_category', e.target.value)} {...invalid('dsa_category')}>
            <option value="">choose a category…</option>
            {DSA_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {dsaLabel(c)}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </RecordForm>
  );
}
