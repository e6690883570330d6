// Bulk import into a package: paste text or choose a file (CSV, JSON, NDJSON or an HMA hash file), merge
// or replace, and see the server's summary. A refused import changes nothing; its message names the line
// and column (or index and field), and the offending line is shown with a caret under the column.
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, seg, withQuery } from '../shared/api';
import { formatCount } from '../shared/format';
import { useSession } from '../shared/session';
import type { Policy } from '../shared/types';
import { Panel } from '../shared/ui';
import { CONTENT_TYPES, FORMAT_LABELS, guessFormat, lineAt, problemPlace } from './importFormat';
import { IMPORT_FORMATS, MATERIAL_STATUSES, type ImportFormat, type ImportSummary } from './types';

/** Files larger than this are not read back to show the bad line (the message still names it). */
const SHOW_LINE_MAX_BYTES = 8 * 1024 * 1024;

type Outcome = { summary: ImportSummary } | { error: string; source: string | undefined };

export function ImportPanel({ packageId, policies, onImported }: { packageId: string; policies: Policy[]; onImported(): void }) {
  const { api } = useSession();
  const [pasted, setPasted] = useState('');
  const [file, setFile] = useState<File>();
  const [format, setFormat] = useState<ImportFormat | 'auto'>('auto');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [policy, setPolicy] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setOutcome(undefined);
    const body: Blob | string = file ?? pasted;
    const head = file ? await file.slice(0, 4096).text() : pasted.slice(0, 4096);
    const chosen = format === 'auto' ? guessFormat(file?.name, head) : format;
    const path = withQuery(`/v1/packages/${seg(packageId)}/import`, { mode, format: chosen, policy, status });
    try {
      const summary = await api.postRaw<ImportSummary>(path, body, CONTENT_TYPES[chosen]);
      setOutcome({ summary });
      onImported();
    } catch (err) {
      const message = err instanceof ApiError ? err.message : (err as Error).message;
      const source = file ? (file.size <= SHOW_LINE_MAX_BYTES ? await file.text() : undefined) : pasted;
      setOutcome({ error: message, source });
    } finally {
      setBusy(false);
    }
  }

  function chooseFile(f: File | undefined) {
    setFile(f);
    setOutcome(undefined);
  }
  function clearFile() {
    chooseFile(undefined);
    if (fileInput.current) fileInput.current.value = '';
  }

  const ready = file ? true : pasted.trim().length > 0;
  return (
    <Panel title="Import">
      <form className="form" onSubmit={submit} aria-label="Import materials">
        <div className="field">
          <label htmlFor="import-text">Paste materials</label>
          <textarea
            id="import-text"
            ref={textarea}
            className="mono"
            rows={6}
            value={pasted}
            disabled={Boolean(file)}
            onChange={(e) => setPasted(e.target.value)}
            placeholder={'kind,value,languages,policy_id,severity,status\nphrase,free money,en,scam,2,testing\nterm,كتاب,ar,spam,,active'}
            spellCheck={false}
          />
          <div className="hint">
            CSV columns: kind, value, near, within, languages, policy_id, severity, match_mode, exceptions, status, opt_out, max_distance, min_frame_share, note (lists separated by |). Rows
            may leave severity (the policy’s tier), match mode (word) and status empty.
          </div>
        </div>
        <div className="field">
          <label htmlFor="import-file">…or choose a file</label>
          <input id="import-file" ref={fileInput} type="file" accept=".csv,.tsv,.json,.ndjson,.jsonl,.txt,.hma,.te,text/csv,application/json" onChange={(e) => chooseFile(e.target.files?.[0])} />
          {file && (
            <span className="small">
              {' '}
              {file.name} · {formatCount(file.size)} bytes{' '}
              <button type="button" className="btn-link" onClick={clearFile}>
                use the pasted text instead
              </button>
            </span>
          )}
        </div>
        <div className="field-row field-row-even">
          <div className="field">
            <label htmlFor="import-format">Format</label>
            <select id="import-format" value={format} onChange={(e) => setFormat(e.target.value as ImportFormat | 'auto')}>
              <option value="auto">from the file name or content</option>
              {IMPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <span className="label" id="import-mode-label">
              Mode
            </span>
            <div className="radio-row" role="radiogroup" aria-labelledby="import-mode-label">
              <label className="check">
                <input type="radio" name="import-mode" value="merge" checked={mode === 'merge'} onChange={() => setMode('merge')} /> merge
              </label>
              <label className="check">
                <input type="radio" name="import-mode" value="replace" checked={mode === 'replace'} onChange={() => setMode('replace')} /> replace
              </label>
            </div>
            <div className={`hint${mode === 'replace' ? ' hint-warn' : ''}`}>
              {mode === 'merge' ? 'Adds new materials and updates those with the same kind, value and near.' : 'Also retires every material of the package the file does not hold.'}
            </div>
          </div>
        </div>
        <div className="field-row field-row-even">
          <div className="field">
            <label htmlFor="import-policy">Policy for rows that name none</label>
            <select id="import-policy" value={policy} onChange={(e) => setPolicy(e.target.value)}>
              <option value="">none (every row names one)</option>
              {policies.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.id} — {p.name}
                </option>
              ))}
            </select>
            <div className="hint">Required for HMA files, which carry no policy.</div>
          </div>
          <div className="field">
            <label htmlFor="import-status">Status for rows that name none</label>
            <select id="import-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">testing (the default)</option>
              {MATERIAL_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !ready}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {outcome && 'summary' in outcome && <ImportSummaryNote summary={outcome.summary} />}
      {outcome && 'error' in outcome && (
        <ImportErrorNote
          message={outcome.error}
          source={outcome.source}
          onShow={
            file
              ? undefined
              : (start, end) => {
                  textarea.current?.focus();
                  textarea.current?.setSelectionRange(start, end);
                }
          }
        />
      )}
    </Panel>
  );
}

function ImportSummaryNote({ summary: s }: { summary: ImportSummary }) {
  const parts: [string, number][] = [
    ['rows', s.total],
    ['new', s.new],
    ['changed', s.changed],
    ['unchanged', s.unchanged],
    ['retired', s.retired],
    ['skipped', s.skipped],
  ];
  return (
    <div className="notice import-summary" role="status" data-testid="import-summary">
      <strong>{s.summary}</strong>
      <span className="muted">
        {' '}
        · {s.changed_package ? `package version ${s.version}` : `nothing changed (still version ${s.version})`} · {s.seconds.toFixed(2)} s
      </span>
      <dl className="counts">
        {parts.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatCount(n)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ImportErrorNote({ message, source, onShow }: { message: string; source?: string; onShow?(start: number, end: number): void }) {
  const place = problemPlace(message);
  const line = place && source !== undefined ? lineAt(source, place.line) : undefined;
  return (
    <div className="error-note import-error" role="alert" data-testid="import-error">
      <strong>Not imported: </strong>
      {message}
      {place && line && (
        <div className="problem-line">
          <div className="muted small">
            line {place.line}
            {place.column !== undefined && `, column ${place.column}`}
            {onShow && (
              <>
                {' '}
                <button type="button" className="btn-link" onClick={() => onShow(line.offset + (place.column ?? 1) - 1, line.offset + line.text.length)}>
                  show in the text
                </button>
              </>
            )}
          </div>
          {/* The line as the server read it (ltr: a CSV row's columns run left to right even with Arabic cells). */}
          <pre className="mono" dir="ltr" data-testid="import-error-line">
            {line.text}
            {place.column !== undefined && `\n${' '.repeat(Math.max(0, place.column - 1))}^`}
          </pre>
        </div>
      )}
    </div>
  );
}
