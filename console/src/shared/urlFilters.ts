// List pages keep their filters in the URL (shareable, back-button safe) and a draft in the form until
// it is applied. The draft follows the URL only when the URL changed from outside the form (back, a
// link): resetting it after the form's own apply could wipe what was typed in between.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';

export function useUrlFilters<K extends string>(keys: readonly K[], defaults: Partial<Record<K, string>> = {}) {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? defaults[k] ?? ''])) as Record<K, string>;
  const keyOf = (f: Record<K, string>) => keys.map((k) => f[k].trim()).join('\u0000');
  const filterKey = keyOf(filters);
  const [draft, setDraft] = useState(filters);
  const applied = useRef(filterKey);
  useEffect(() => {
    if (applied.current !== filterKey) setDraft(filters);
    applied.current = filterKey;
  }, [filterKey]); // eslint-disable-line react-hooks/exhaustive-deps

  function apply(next: Record<K, string>) {
    const p = new URLSearchParams();
    for (const k of keys) if (next[k].trim()) p.set(k, next[k].trim());
    applied.current = keyOf(Object.fromEntries(keys.map((k) => [k, p.get(k) ?? defaults[k] ?? ''])) as Record<K, string>);
    setDraft(next);
    setParams(p);
  }
  /** Changes one field of the draft (and of fields that depend on it); `now` applies at once. */
  function set(k: K, v: string, now = false, also: Partial<Record<K, string>> = {}) {
    const next = { ...draft, [k]: v, ...also };
    setDraft(next);
    if (now) apply(next);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  return { params, setParams, filters, filterKey, draft, set, apply, submit };
}
