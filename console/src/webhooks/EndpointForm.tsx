// The new-endpoint form: URL, description, the action kinds it wants (none ticked: every kind), and an
// optional secret of the platform's own (left empty, Vigil generates one). The server validates; its
// message shows at the field it names.
import { useState } from 'react';
import { Field, FormErrorNote } from '../shared/form';
import { useRecordForm } from '../shared/RecordForm';
import { ACTION_KINDS, type ActionKind, type EndpointInput } from './types';

const FIELDS = ['url', 'description', 'secret'];

export function EndpointForm({ onSave, onCancel }: { onSave(draft: EndpointInput): Promise<void>; onCancel(): void }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [kinds, setKinds] = useState<ActionKind[]>([]);
  const [secret, setSecret] = useState('');
  const [enabled, setEnabled] = useState(true);
  const { error, invalid, busy, submit } = useRecordForm(() => onSave({ url: url.trim(), description, action_kinds: kinds, enabled, ...(secret ? { secret } : {}) }));
  const toggle = (k: ActionKind) => setKinds((cur) => (cur.includes(k) ? cur.filter((x) => x !== k) : [...cur, k]));

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="New webhook endpoint">
      <fieldset disabled={busy}>
        <Field id="url" label="URL" hint="Where Vigil POSTs each action: http or https" error={error}>
          <input id="url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://platform.example/vigil/webhooks" spellCheck={false} autoComplete="off" {...invalid('url')} />
        </Field>
        <Field id="description" label="Description" error={error}>
          <input id="description" value={description} onChange={(e) => setDescription(e.target.value)} {...invalid('description')} />
        </Field>
        <div className={`field${error?.field === 'action_kinds' ? ' field-invalid' : ''}`}>
          <span className="label" id="kinds-label">
            Action kinds <span className="muted">(none ticked: every kind)</span>
          </span>
          <div className="check-grid" role="group" aria-labelledby="kinds-label" data-testid="endpoint-kinds">
            {ACTION_KINDS.map((k) => (
              <label key={k} className="check">
                <input type="checkbox" value={k} checked={kinds.includes(k)} onChange={() => toggle(k)} /> {k}
              </label>
            ))}
          </div>
        </div>
        <Field id="secret" label="Secret" hint="Leave empty and Vigil generates one; either way it is shown once, after you create the endpoint" error={error}>
          <input id="secret" value={secret} onChange={(e) => setSecret(e.target.value)} spellCheck={false} autoComplete="off" {...invalid('secret')} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled: send actions from now on
        </label>
      </fieldset>
      <FormErrorNote error={error} fields={FIELDS} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create endpoint'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
