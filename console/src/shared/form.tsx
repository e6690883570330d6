// Form helpers for the editors: map a server validation message ("body.name: must NOT have fewer than 1
// characters") to the field it names, and render labelled fields with their inline error.
import { useState, type ReactNode } from 'react';
import { ApiError } from './api';

export interface FormError {
  /** The body field the server named, if any. */
  field?: string;
  message: string;
  status?: number;
}

export function formErrorOf(err: unknown): FormError {
  if (err instanceof ApiError) {
    const m = /^body[./]([A-Za-z0-9_]+)/.exec(err.message);
    return { field: m?.[1], message: err.message, status: err.status };
  }
  return { message: (err as Error).message ?? String(err) };
}

export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: FormError; children: ReactNode }) {
  const mine = error?.field === id ? error : undefined;
  return (
    <div className={`field${mine ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <div className="hint">{hint}</div>}
      {mine && (
        <div className="field-error" role="alert" id={`${id}-error`}>
          {mine.message}
        </div>
      )}
    </div>
  );
}

/** The error when no single field was named (conflicts, unknown references, network). */
export function FormErrorNote({ error, fields }: { error?: FormError; fields: string[] }) {
  if (!error || (error.field && fields.includes(error.field))) return null;
  return (
    <div className="error-note" role="alert">
      {error.status ? <strong>Not saved ({error.status}): </strong> : <strong>Not saved: </strong>}
      {error.message}
    </div>
  );
}

/** Inline two-step confirmation instead of window.confirm. */
export function ConfirmButton({ label, confirmLabel, onConfirm, busy }: { label: string; confirmLabel: string; onConfirm(): void; busy?: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="btn btn-danger-outline" onClick={() => setAsking(true)} disabled={busy}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <button
        type="button"
        className="btn btn-danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="btn" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
