// Small presentational pieces used across pages: page header, error and empty notes, badges, a loading line.
import type { ReactNode } from 'react';

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

export function ErrorNote({ error, title }: { error: Error | string | undefined; title?: string }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <div className="error-note" role="alert">
      {title && <strong>{title}: </strong>}
      {message}
    </div>
  );
}

export const Empty = ({ children }: { children: ReactNode }) => <p className="empty">{children}</p>;

export const Loading = ({ what }: { what?: string }) => <p className="loading muted">Loading{what ? ` ${what}` : ''}…</p>;

export function Badge({ children, tone }: { children: ReactNode; tone?: 'warn' | 'danger' | 'ok' | 'info' }) {
  return <span className={`badge${tone ? ` badge-${tone}` : ''}`}>{children}</span>;
}

/** A <section> with a small heading, the unit of dense pages. */
export function Panel({ title, extra, children, className }: { title: ReactNode; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`panel${className ? ` ${className}` : ''}`}>
      <div className="panel-head">
        <h2>{title}</h2>
        {extra}
      </div>
      {children}
    </section>
  );
}
