// The package form: id (on create), name, owner, description and scope (surfaces, markets, languages; an
// empty list means all). Validation is the server's: its message is shown at the field it names.
import { useState } from 'react';
import { Field, FormErrorNote } from '../shared/form';
import { useRecordForm } from '../shared/RecordForm';
import { parseCodes } from './text';
import { SURFACES, type PackageInput, type Surface } from './types';

const FIELDS = ['id', 'name', 'owner', 'description', 'scope'];

export function PackageForm({ initial, creating, readOnly, onSave, onCancel }: { initial?: PackageInput; creating: boolean; readOnly: boolean; onSave(draft: PackageInput): Promise<void>; onCancel?(): void }) {
  const [id, setId] = useState(initial?.id ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [owner, setOwner] = useState(initial?.owner ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [surfaces, setSurfaces] = useState<Surface[]>(initial?.scope.surfaces ?? []);
  const [markets, setMarkets] = useState((initial?.scope.markets ?? []).join(', '));
  const [languages, setLanguages] = useState((initial?.scope.languages ?? []).join(', '));
  const form = useRecordForm(() => onSave({ id, name, owner, description, scope: { surfaces, markets: parseCodes(markets, true), languages: parseCodes(languages) } }));
  const { error, invalid, busy, submit } = form;
  const toggle = (s: Surface) => setSurfaces((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={creating ? 'New package' : `Package ${id}`}>
      <fieldset disabled={readOnly || busy}>
        {creating && (
          <Field id="id" label="Id" hint="lower_snake_case, fixed once created" error={error}>
            <input id="id" value={id} onChange={(e) => setId(e.target.value)} spellCheck={false} autoComplete="off" {...invalid('id')} />
          </Field>
        )}
        <div className="field-row field-row-even">
          <Field id="name" label="Name" error={error}>
            <input id="name" value={name} onChange={(e) => setName(e.target.value)} {...invalid('name')} />
          </Field>
          <Field id="owner" label="Owner" hint="The team or person answerable for it" error={error}>
            <input id="owner" value={owner} onChange={(e) => setOwner(e.target.value)} {...invalid('owner')} />
          </Field>
        </div>
        <Field id="description" label="Description" error={error}>
          <textarea id="description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} {...invalid('description')} />
        </Field>
        <div className={`field${error?.field === 'scope' ? ' field-invalid' : ''}`}>
          <span className="label" id="surfaces-label">
            Surfaces <span className="muted">(none chosen: every surface)</span>
          </span>
          <div className="check-grid" role="group" aria-labelledby="surfaces-label" data-testid="package-surfaces">
            {SURFACES.map((s) => (
              <label key={s} className="check">
                <input type="checkbox" value={s} checked={surfaces.includes(s)} onChange={() => toggle(s)} /> {s}
              </label>
            ))}
          </div>
        </div>
        <div className="field-row field-row-even">
          <Field id="markets" label="Markets" hint="e.g. US, DE, EG; empty: every market" error={error}>
            <input id="markets" value={markets} onChange={(e) => setMarkets(e.target.value)} spellCheck={false} />
          </Field>
          <Field id="languages" label="Languages" hint="e.g. en, ar, zh; empty: every language" error={error}>
            <input id="languages" value={languages} onChange={(e) => setLanguages(e.target.value)} spellCheck={false} />
          </Field>
        </div>
      </fieldset>
      <FormErrorNote error={error} fields={FIELDS.filter((f) => f !== 'scope')} />
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : creating ? 'Create package' : 'Save changes'}
          </button>
          {onCancel && (
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      )}
    </form>
  );
}
