// The material form, add and edit: the fields change with the kind (proximity has `near` and `within`,
// hashes a distance, text kinds a match mode, exceptions and normalisation opt-outs). "Preview" runs the
// draft over the last 7 days of stored content without saving it, so an analyst sees what a term would hit
// before it goes active. Validation is the server's; its message shows at the field it names.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Field, FormErrorNote, type FormError } from '../shared/form';
import { useSession } from '../shared/session';
import type { Policy } from '../shared/types';
import { SEVERITY_LABELS } from '../shared/dsa';
import { draftOf, inputOf, materialErrorOf, MATERIAL_FIELDS, takesText, type MaterialDraft } from './materialDraft';
import { PreviewResults } from './PreviewResults';
import { HASH_KINDS, KIND_LABELS, MATERIAL_KINDS, MATERIAL_STATUSES, MATCH_MODES, NORMALISATION_STEPS, STEP_NOTES, TEXT_KINDS, type Material, type MaterialInput, type PreviewResult } from './types';

const VALUE_LABELS: Record<string, { label: string; hint: string }> = {
  term: { label: 'Term', hint: 'One word, as written in its language' },
  phrase: { label: 'Phrase', hint: 'Words in this order; spacing, case, look-alike letters and leetspeak do not matter' },
  proximity: { label: 'First word or phrase', hint: 'Matches when the second one is near it' },
  pattern: { label: 'Pattern', hint: 'An RE2 regular expression over the original text' },
  url: { label: 'URL', hint: 'Normalised on save (scheme, www, tracking parameters)' },
  domain: { label: 'Domain', hint: 'Matches the domain and its subdomains' },
  file_hash: { label: 'File hash', hint: 'MD5 or SHA-256, hexadecimal' },
  image_hash: { label: 'PDQ hash', hint: '64 hexadecimal characters (hash an image on the Hash bank tab)' },
  video_hash: { label: 'Frame hashes', hint: 'PDQ hashes of the frames, separated by commas' },
};

const STATUS_NOTES = { testing: 'hits recorded, never acted on', active: 'hits act', retired: 'matches nothing' };

export function MaterialForm({
  packageId,
  initial,
  policies,
  readOnly,
  submitLabel,
  onSave,
}: {
  packageId: string;
  initial?: Partial<Material>;
  policies: Policy[];
  readOnly: boolean;
  submitLabel: string;
  onSave(input: MaterialInput): Promise<void>;
}) {
  const { api } = useSession();
  const editing = initial?.id !== undefined;
  const [draft, setDraft] = useState<MaterialDraft>(() => draftOf(initial));
  // Severity follows the chosen policy's tier until the analyst sets it.
  const [severityTouched, setSeverityTouched] = useState(initial?.severity !== undefined);
  const [error, setError] = useState<FormError>();
  const [busy, setBusy] = useState<'save' | 'preview'>();
  const [preview, setPreview] = useState<PreviewResult>();
  const set = <K extends keyof MaterialDraft>(k: K, v: MaterialDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': `${field}-error` } : {});

  function choosePolicy(id: string) {
    const tier = policies.find((p) => p.id === id)?.severity_tier;
    setDraft((d) => ({ ...d, policy_id: id, severity: !severityTouched && tier ? (tier as MaterialDraft['severity']) : d.severity }));
  }

  async function run(what: 'save' | 'preview', action: () => Promise<void>) {
    setBusy(what);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(materialErrorOf(err));
    } finally {
      setBusy(undefined);
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run('save', () => onSave(inputOf(draft)));
  };
  const runPreview = () =>
    run('preview', async () => {
      setPreview(undefined);
      setPreview(await api.post<PreviewResult>('/v1/materials/preview', { package_id: packageId, material: inputOf(draft) }));
    });

  const kind = draft.kind;
  const text = TEXT_KINDS.includes(kind);
  const hash = HASH_KINDS.includes(kind) || kind === 'file_hash';
  const value = VALUE_LABELS[kind];
  const field = (id: string, label: string, control: ReactNode, hint?: ReactNode) => (
    <Field id={id} label={label} hint={hint} error={error}>
      {control}
    </Field>
  );

  return (
    <form className="form material-form" onSubmit={submit} noValidate aria-label={editing ? `Material ${initial?.id}` : 'New material'}>
      <fieldset disabled={readOnly || busy !== undefined}>
        <div className="field-row field-row-even">
          {field(
            'kind',
            'Kind',
            <select id="kind" value={kind} disabled={editing} onChange={(e) => set('kind', e.target.value as MaterialDraft['kind'])} {...invalid('kind')}>
              {MATERIAL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>,
            // The kind is what the value means; changing it would make a different material.
            editing ? 'Fixed once created; add a new material for another kind' : undefined,
          )}
          {field(
            'policy_id',
            'Policy',
            <select id="policy_id" value={draft.policy_id} onChange={(e) => choosePolicy(e.target.value)} {...invalid('policy_id')}>
              <option value="">choose a policy…</option>
              {policies.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.id} — {p.name}
                </option>
              ))}
              {draft.policy_id && !policies.some((p) => p.id === draft.policy_id) && <option value={draft.policy_id}>{draft.policy_id} (not an active policy)</option>}
            </select>,
          )}
        </div>
        {field(
          'value',
          value.label,
          kind === 'video_hash' ? (
            <textarea id="value" rows={3} className="mono" value={draft.value} onChange={(e) => set('value', e.target.value)} spellCheck={false} {...invalid('value')} />
          ) : (
            <input id="value" className={hash || kind === 'pattern' ? 'mono' : undefined} dir={hash ? 'ltr' : 'auto'} value={draft.value} onChange={(e) => set('value', e.target.value)} spellCheck={false} autoComplete="off" {...invalid('value')} />
          ),
          value.hint,
        )}
        {kind === 'proximity' && (
          <div className="field-row">
            {field('within', 'Within (words)', <input id="within" type="number" min={1} max={50} value={draft.within} onChange={(e) => set('within', e.target.value)} {...invalid('within')} />, 'At most this many words between')}
            {field('near', 'Near', <input id="near" dir="auto" value={draft.near} onChange={(e) => set('near', e.target.value)} spellCheck={false} autoComplete="off" {...invalid('near')} />, 'The second word or phrase')}
          </div>
        )}
        {HASH_KINDS.includes(kind) && (
          <div className="field-row field-row-even">
            {field('max_distance', 'Max Hamming distance', <input id="max_distance" type="number" min={0} max={128} placeholder="31" value={draft.max_distance} onChange={(e) => set('max_distance', e.target.value)} {...invalid('max_distance')} />, 'Empty: 31 (of 256 bits)')}
            {kind === 'video_hash' &&
              field('min_frame_share', 'Min share of frames', <input id="min_frame_share" type="number" min={0} max={1} step={0.05} placeholder="0.5" value={draft.min_frame_share} onChange={(e) => set('min_frame_share', e.target.value)} {...invalid('min_frame_share')} />)}
          </div>
        )}
        <div className="field-row field-row-even">
          {field(
            'severity',
            'Severity',
            <select
              id="severity"
              value={draft.severity}
              onChange={(e) => {
                setSeverityTouched(true);
                set('severity', Number(e.target.value) as MaterialDraft['severity']);
              }}
              {...invalid('severity')}
            >
              {[1, 2, 3, 4].map((t) => (
                <option key={t} value={t}>
                  {SEVERITY_LABELS[t]}
                </option>
              ))}
            </select>,
          )}
          <div className={`field${error?.field === 'status' ? ' field-invalid' : ''}`}>
            <span className="label" id="status-label">
              Status
            </span>
            <div className="radio-row" role="radiogroup" aria-labelledby="status-label">
              {MATERIAL_STATUSES.map((s) => (
                <label key={s} className="check" title={STATUS_NOTES[s]}>
                  <input type="radio" name="status" value={s} checked={draft.status === s} onChange={() => set('status', s)} /> {s}
                </label>
              ))}
            </div>
            <div className="hint">{STATUS_NOTES[draft.status]}</div>
          </div>
        </div>
        {takesText(kind) && (
          <div className="field-row field-row-even">
            {field('languages', 'Languages', <input id="languages" value={draft.languages} onChange={(e) => set('languages', e.target.value)} spellCheck={false} {...invalid('languages')} />, 'e.g. ar, en; empty: any language')}
            {text &&
              field(
                'match_mode',
                'Match',
                <select id="match_mode" value={draft.match_mode} onChange={(e) => set('match_mode', e.target.value as MaterialDraft['match_mode'])} {...invalid('match_mode')}>
                  {MATCH_MODES.map((m) => (
                    <option key={m} value={m}>
                      {m === 'word' ? 'whole words' : 'inside words too'}
                    </option>
                  ))}
                </select>,
                'Chinese and other scripts without spaces match anywhere',
              )}
          </div>
        )}
        {takesText(kind) &&
          field(
            'exceptions',
            'Exceptions',
            <textarea id="exceptions" rows={2} dir="auto" value={draft.exceptions} onChange={(e) => set('exceptions', e.target.value)} {...invalid('exceptions')} />,
            'One allowed phrase per line: a hit inside one of them is suppressed',
          )}
        {text && <OptOut chosen={draft.opt_out} onChange={(v) => set('opt_out', v)} invalid={error?.field === 'opt_out'} />}
        {field('note', 'Note', <textarea id="note" rows={2} value={draft.note} onChange={(e) => set('note', e.target.value)} {...invalid('note')} />, 'Why it is here: a case, a ticket, a source')}
      </fieldset>
      <FormErrorNote error={error} fields={MATERIAL_FIELDS.filter((f) => f !== 'opt_out' && f !== 'status')} />
      {(error?.field === 'opt_out' || error?.field === 'status') && (
        <div className="field-error" role="alert">
          {error.message}
        </div>
      )}
      <div className="form-actions">
        {!readOnly && (
          <button type="submit" className="btn btn-primary" disabled={busy !== undefined}>
            {busy === 'save' ? 'Saving…' : submitLabel}
          </button>
        )}
        <button type="button" className="btn" onClick={() => void runPreview()} disabled={busy !== undefined || !draft.value.trim() || !draft.policy_id} data-testid="preview-button">
          {busy === 'preview' ? 'Previewing…' : 'Preview on the last 7 days'}
        </button>
        {(!draft.value.trim() || !draft.policy_id) && <span className="muted small">Preview needs a value and a policy.</span>}
      </div>
      {preview && <PreviewResults result={preview} />}
    </form>
  );
}

function OptOut({ chosen, onChange, invalid }: { chosen: MaterialDraft['opt_out']; onChange(v: MaterialDraft['opt_out']): void; invalid: boolean }) {
  const toggle = (s: (typeof NORMALISATION_STEPS)[number]) => onChange(chosen.includes(s) ? chosen.filter((x) => x !== s) : [...chosen, s]);
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <span className="label" id="opt-out-label">
        Skip normalisation steps <span className="muted">({chosen.length ? `${chosen.length} skipped` : 'all applied'})</span>
      </span>
      <div className="check-grid" role="group" aria-labelledby="opt-out-label" data-testid="opt-out">
        {NORMALISATION_STEPS.map((s) => (
          <label key={s} className="check" title={STEP_NOTES[s]}>
            <input type="checkbox" value={s} checked={chosen.includes(s)} onChange={() => toggle(s)} /> <code>{s}</code> <span className="muted small">{STEP_NOTES[s]}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
