// The editor form shared by a new strategy and a new version: name and description, the source in the
// highlighting editor checked live as it is typed, a note on what the version changes, and beside it what
// the source compiles to and a short reference of the language.
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../shared/api';
import { Field, formErrorOf, FormErrorNote, type FormError } from '../shared/form';
import { Panel } from '../shared/ui';
import { CheckSummary } from './CheckSummary';
import { LanguageReference } from './LanguageReference';
import { ProblemList } from './ProblemList';
import { SourceEditor, type EditorHandle } from './SourceEditor';
import { useCheck } from './useCheck';

export interface StrategyDraft {
  id: string;
  name: string;
  description: string;
  source: string;
  note: string;
}

export function StrategyForm({
  initial,
  creating,
  readOnly,
  submitLabel,
  onSubmit,
  unchanged,
  heading,
  extraActions,
}: {
  initial: StrategyDraft;
  creating?: boolean;
  readOnly?: boolean;
  submitLabel: string;
  onSubmit(draft: StrategyDraft): Promise<void>;
  /** Why saving makes no sense yet (nothing changed), shown instead of saving. */
  unchanged?(draft: StrategyDraft): string | undefined;
  heading?: ReactNode;
  extraActions?: ReactNode;
}) {
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<FormError>();
  const [busy, setBusy] = useState(false);
  const editor = useRef<EditorHandle>(null);
  const check = useCheck(draft.source, !readOnly);
  const problems = check.result?.problems ?? [];
  const hasErrors = problems.some((p) => p.level === 'error');
  const set = (k: keyof StrategyDraft, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const sameAsBase = unchanged?.(draft);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (readOnly || busy) return;
    setError(undefined);
    setBusy(true);
    try {
      await onSubmit({ ...draft, id: draft.id.trim(), name: draft.name.trim(), note: draft.note.trim() });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_strategy') {
        check.now();
        setError({ message: 'the strategy has errors; they are listed under the editor', status: err.status });
      } else setError(formErrorOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form strategy-form" onSubmit={submit} aria-label={creating ? 'New strategy' : 'New version'}>
      <div className="strategy-editor-grid">
        <div className="strategy-editor-main">
          {heading}
          <fieldset disabled={readOnly}>
            <div className={creating ? 'field-row' : undefined}>
              {creating && (
                <Field id="id" label="Id" hint="Lower-case letters, digits, _ . - (cannot change later)" error={error}>
                  <input id="id" value={draft.id} onChange={(e) => set('id', e.target.value)} required pattern="[a-z0-9][a-z0-9_.\-]{0,99}" spellCheck={false} autoComplete="off" />
                </Field>
              )}
              <Field id="name" label="Name" error={error}>
                <input id="name" value={draft.name} onChange={(e) => set('name', e.target.value)} required maxLength={200} />
              </Field>
            </div>
            <Field id="description" label="Description" error={error}>
              <input id="description" value={draft.description} onChange={(e) => set('description', e.target.value)} maxLength={5000} placeholder="What it looks for and why" />
            </Field>
          </fieldset>
          <div className="field">
            <span className="label">
              Source{' '}
              {!creating && draft.source !== initial.source && (
                <>
                  <span className="badge badge-warn" data-testid="source-edited">
                    edited
                  </span>
                  <button type="button" className="btn-link small" onClick={() => set('source', initial.source)}>
                    discard changes
                  </button>
                </>
              )}
            </span>
            <SourceEditor ref={editor} value={draft.source} onChange={(v) => set('source', v)} problems={problems} readOnly={readOnly} onSave={() => void submit()} />
            <ProblemList check={check} source={draft.source} editor={editor} />
          </div>
          {!readOnly && (
            <>
              <Field id="note" label="Note for this version" hint="What it changes and why, for whoever reads the history." error={error}>
                <input id="note" value={draft.note} onChange={(e) => set('note', e.target.value)} maxLength={2000} placeholder={creating ? 'first version' : 'e.g. lower the burst threshold to 3'} />
              </Field>
              <FormErrorNote error={error} fields={['id', 'name', 'description', 'note']} />
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={busy || hasErrors || !!sameAsBase || !draft.source.trim()} title={hasErrors ? 'Fix the errors first' : sameAsBase}>
                  {busy ? 'Saving…' : submitLabel}
                </button>
                {sameAsBase && <span className="muted small">{sameAsBase}</span>}
                {extraActions}
              </div>
            </>
          )}
        </div>
        <div className="strategy-editor-side">
          {!readOnly && (
            <Panel title="Compiles to">
              <CheckSummary result={check.result} />
            </Panel>
          )}
          <LanguageReference />
        </div>
      </div>
    </form>
  );
}
