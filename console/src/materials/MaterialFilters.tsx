// The filters of a package's materials table: kind, status, policy, language and text the value contains.
// They live in the URL, so a filtered list can be shared and survives the back button; the text fields
// apply on submit (Enter), the selects at once.
import { useEffect, useState, type FormEvent } from 'react';
import type { Policy } from '../shared/types';
import { KIND_LABELS, MATERIAL_KINDS, MATERIAL_STATUSES } from './types';

export interface Filters {
  kind: string;
  status: string;
  policy_id: string;
  language: string;
  q: string;
}

export const FILTER_KEYS: (keyof Filters)[] = ['kind', 'status', 'policy_id', 'language', 'q'];

export function MaterialFilters({ filters, policies, onChange }: { filters: Filters; policies: Policy[]; onChange(next: Filters): void }) {
  const [language, setLanguage] = useState(filters.language);
  const [q, setQ] = useState(filters.q);
  useEffect(() => {
    setLanguage(filters.language);
    setQ(filters.q);
  }, [filters.language, filters.q]);

  const set = (k: keyof Filters, v: string) => onChange({ ...filters, language, q, [k]: v });
  function submit(e: FormEvent) {
    e.preventDefault();
    onChange({ ...filters, language: language.trim().toLowerCase(), q: q.trim() });
  }
  const active = FILTER_KEYS.some((k) => filters[k]);

  return (
    <form className="toolbar filters" role="search" aria-label="Filter materials" onSubmit={submit}>
      <label>
        Kind{' '}
        <select name="kind" value={filters.kind} onChange={(e) => set('kind', e.target.value)}>
          <option value="">any</option>
          {MATERIAL_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status{' '}
        <select name="status" value={filters.status} onChange={(e) => set('status', e.target.value)}>
          <option value="">any</option>
          {MATERIAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Policy{' '}
        <select name="policy_id" value={filters.policy_id} onChange={(e) => set('policy_id', e.target.value)}>
          <option value="">any</option>
          {policies.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id}
            </option>
          ))}
        </select>
      </label>
      <label>
        Language{' '}
        <input name="language" className="input-short" value={language} placeholder="e.g. ar" onChange={(e) => setLanguage(e.target.value)} spellCheck={false} />
      </label>
      <label>
        Value contains{' '}
        <input name="q" type="search" dir="auto" value={q} onChange={(e) => setQ(e.target.value)} spellCheck={false} />
      </label>
      <button type="submit" className="btn">
        Filter
      </button>
      {active && (
        <button type="button" className="btn-link" onClick={() => onChange({ kind: '', status: '', policy_id: '', language: '', q: '' })}>
          Clear filters
        </button>
      )}
    </form>
  );
}
