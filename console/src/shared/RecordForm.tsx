// The frame of a versioned record's editor form (policy, queue): the id field on create, the kind's own fields,
// then the save button and any error the server gave that names no field. Validation is the server's: a 4xx
// message is shown at the field it names (see Field), or above the button.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Field, FormErrorNote, formErrorOf, type FormError } from './form';
import { capitalize } from './format';
import type { RecordKind } from './recordKinds';

/** What the record page gives a kind's form: the record to edit (none on create) and how to save a draft. */
export interface RecordFormProps<R, D> {
  initial?: R;
  creating: boolean;
  readOnly: boolean;
  onSave(draft: D): Promise<void>;
}

export interface RecordFormState {
  /** The last save's failure, cleared when the next save starts. */
  error: FormError | undefined;
  busy: boolean;
  submit(e: FormEvent): Promise<void>;
  /** The ARIA attributes for a field's control: invalid, and described by its error, when the server named it. */
  invalid(field: string): { 'aria-invalid'?: true; 'aria-describedby'?: string };
}

/** Submitting runs `save` (which reads the form's current draft) and keeps its error for the fields to show. */
export function useRecordForm(save: () => Promise<void>): RecordFormState {
  const [error, setError] = useState<FormError>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await save();
    } catch (err) {
      setError(formErrorOf(err));
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': `${field}-error` } : {});
  return { error, busy, submit, invalid };
}

export function RecordForm({
  kind,
  form,
  fields,
  creating,
  readOnly,
  id,
  onIdChange,
  idHint,
  children,
}: {
  kind: RecordKind;
  form: RecordFormState;
  /** The fields that show their own error; an error naming any other goes above the button. */
  fields: string[];
  creating: boolean;
  readOnly: boolean;
  /** The record's id: typed in on create, fixed after. */
  id: string;
  onIdChange(id: string): void;
  idHint: string;
  /** The kind's own fields, after the id. */
  children: ReactNode;
}) {
  const { error, busy, submit, invalid } = form;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={creating ? `New ${kind.singular}` : `${capitalize(kind.singular)} ${id}`}>
      <fieldset disabled={readOnly || busy}>
        {creating && (
          <Field id="id" label="Id" hint={idHint} error={error}>
            <input id="id" value={id} onChange={(e) => onIdChange(e.target.value)} spellCheck={false} autoComplete="off" {...invalid('id')} />
          </Field>
        )}
        {children}
      </fieldset>
      <FormErrorNote error={error} fields={fields} />
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : creating ? `Create ${kind.singular}` : 'Save changes'}
          </button>
        </div>
      )}
    </form>
  );
}
