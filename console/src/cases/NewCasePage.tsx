// Opening a case: title, description, owner and tags, and (when opened from an entity page) that entity
// linked at once. Server validation messages show at the field they name.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Field, FormErrorNote, formErrorOf, type FormError } from '../shared/form';
import { useSession } from '../shared/session';
import { PageHeader } from '../shared/ui';
import { casePath, parseTags, type CaseDetail } from './types';

const FIELDS = ['title', 'description', 'owner', 'tags'];

export function NewCasePage() {
  const { api, me } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const entity = params.get('entity_type') && params.get('entity_id') ? { type: params.get('entity_type')!, id: params.get('entity_id')! } : undefined;
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState(me.name);
  const [tags, setTags] = useState('');
  const [error, setError] = useState<FormError>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.post<CaseDetail>('/v1/cases', {
        title,
        description,
        owner: owner.trim() || null,
        tags: parseTags(tags),
        ...(entity ? { items: [{ kind: 'entity', entity }] } : {}),
      });
      navigate(casePath(created.id));
    } catch (err) {
      setError(formErrorOf(err));
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title="New case" actions={<Link to="/cases" className="btn">All cases</Link>} />
      <form className="form-narrow" onSubmit={submit} aria-label="New case">
        {entity && (
          <p className="notice" data-testid="new-case-entity">
            Links {entity.type} {entity.id} to the case.
          </p>
        )}
        <Field id="title" label="Title" error={error}>
          <input id="title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </Field>
        <Field id="description" label="Description" error={error}>
          <textarea id="description" rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <div className="field-row field-row-even">
          <Field id="owner" label="Owner" hint="Empty for unassigned" error={error}>
            <input id="owner" value={owner} onChange={(e) => setOwner(e.target.value)} spellCheck={false} />
          </Field>
          <Field id="tags" label="Tags" hint="Separated by commas or spaces" error={error}>
            <input id="tags" value={tags} onChange={(e) => setTags(e.target.value)} spellCheck={false} />
          </Field>
        </div>
        <FormErrorNote error={error} fields={FIELDS} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Open case
          </button>
        </div>
      </form>
    </>
  );
}
