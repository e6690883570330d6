// The live check's verdict under the editor: each error and warning with its line and column, a click
// selecting it in the editor; or that the source compiles.
import type { ReactNode, RefObject } from 'react';
import { problemExtent, tokenizeForHighlight } from './highlight';
import type { EditorHandle } from './SourceEditor';
import type { LiveCheck } from './useCheck';

export function ProblemList({ check, source, editor }: { check: LiveCheck; source: string; editor: RefObject<EditorHandle | null> }) {
  const problems = [...(check.result?.problems ?? [])].sort((a, b) => a.line - b.line || a.col - b.col);
  const errors = problems.filter((p) => p.level === 'error').length;
  const warnings = problems.length - errors;
  const stale = check.checked !== source;
  let status: ReactNode;
  if (!source.trim()) status = <span className="muted">Write a strategy to check it.</span>;
  else if (!check.result) status = <span className="muted">Checking…</span>;
  else if (errors)
    status = (
      <span className="check-bad">
        {errors} error{errors === 1 ? '' : 's'}
        {warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}
      </span>
    );
  else status = <span className="check-ok">Compiles{warnings ? `, with ${warnings} warning${warnings === 1 ? '' : 's'}` : ' with no problems'}</span>;

  const tokens = stale ? [] : tokenizeForHighlight(source);
  return (
    <div className="problems" data-testid="problems">
      <div className="problems-status" role="status" aria-live="polite" data-state={!check.result ? 'none' : errors ? 'errors' : 'ok'}>
        {status}
        {check.pending && <span className="muted small"> · checking…</span>}
      </div>
      {check.error && <div className="field-error">The check could not run: {check.error.message}</div>}
      {problems.length > 0 && (
        <ul className={`problem-list${stale ? ' stale' : ''}`}>
          {problems.map((p, i) => (
            <li key={i} className={`problem problem-${p.level}`} data-line={p.line} data-col={p.col}>
              <button
                type="button"
                className="btn-link problem-jump"
                onClick={() => {
                  const ext = stale ? { start: p.offset, end: p.offset } : problemExtent(source, tokens, p.offset);
                  editor.current?.jumpTo(ext.start, ext.end - ext.start);
                }}
                title="Select it in the editor"
              >
                Line {p.line}, col {p.col}
              </button>{' '}
              <span className={`badge ${p.level === 'error' ? 'badge-danger' : 'badge-warn'}`}>{p.level}</span> <span className="problem-message">{p.message}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
