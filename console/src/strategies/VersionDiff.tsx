// The difference between any two versions: pick the two, read the changed lines highlighted with a few
// lines of context (the rest folded), and each version's note and state.
import { useMemo, useState } from 'react';
import { formatTime } from '../shared/format';
import { Empty } from '../shared/ui';
import { byName } from './access';
import { renderRange } from './CodeLines';
import { tokenizeForHighlight } from './highlight';
import { fold, lineDiff } from './lineDiff';
import { StateBadge } from './StateBadge';
import type { StrategyVersion } from './types';

function Code({ text }: { text: string }) {
  return <>{text ? renderRange(text, 0, text.length, tokenizeForHighlight(text), []) : '\u200b'}</>;
}

export function VersionDiff({ versions, a, b, onPick }: { versions: StrategyVersion[]; a: number; b: number; onPick(a: number, b: number): void }) {
  const [all, setAll] = useState(false);
  const va = versions.find((v) => v.version === a);
  const vb = versions.find((v) => v.version === b);
  const diff = useMemo(() => (va && vb ? lineDiff(va.source, vb.source) : undefined), [va, vb]);
  const rows = useMemo(() => (diff ? (all ? diff.lines : fold(diff.lines)) : []), [diff, all]);
  const added = diff?.lines.filter((l) => l.kind === 'add').length ?? 0;
  const removed = diff?.lines.filter((l) => l.kind === 'del').length ?? 0;

  const picker = (value: number, set: (v: number) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(e) => set(Number(e.target.value))}>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version} ({v.state})
        </option>
      ))}
    </select>
  );

  return (
    <div className="version-diff" data-testid="version-diff">
      <div className="toolbar">
        <span>
          Compare {picker(a, (x) => onPick(x, b), 'Older version')} with {picker(b, (x) => onPick(a, x), 'Newer version')}
        </span>
        <button type="button" className="btn-link" onClick={() => onPick(b, a)} title="Swap the two">
          swap
        </button>
        {diff && (
          <span className="muted small" data-testid="diff-stat">
            <span className="diff-add-text">+{added}</span> <span className="diff-del-text">−{removed}</span> lines
            {!diff.exact && ' (too long to align line by line: shown as replaced)'}
          </span>
        )}
        <label className="check small">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> whole source
        </label>
      </div>
      {va && vb && (
        <div className="diff-heads">
          {[va, vb].map((v, i) => (
            <div key={i} className="diff-head">
              <strong>v{v.version}</strong> <StateBadge state={v.state} percent={v.rollout_percent} /> <span className="muted small">{formatTime(v.created_at)} by {byName(v.created_by)}</span>
              {v.note && <div className="small">“{v.note}”</div>}
            </div>
          ))}
        </div>
      )}
      {a === b ? (
        <Empty>Pick two different versions.</Empty>
      ) : added + removed === 0 ? (
        <Empty>The two sources are the same.</Empty>
      ) : (
        <table className="diff-table">
          <tbody>
            {rows.map((r, i) =>
              r.kind === 'skip' ? (
                <tr key={i} className="diff-skip">
                  <td colSpan={4}>
                    <button type="button" className="btn-link small" onClick={() => setAll(true)}>
                      ⋯ {r.count} unchanged lines
                    </button>
                  </td>
                </tr>
              ) : (
                <tr key={i} className={`diff-${r.kind}`} data-kind={r.kind}>
                  <td className="diff-no">{r.a ?? ''}</td>
                  <td className="diff-no">{r.b ?? ''}</td>
                  <td className="diff-sign">{r.kind === 'add' ? '+' : r.kind === 'del' ? '−' : ''}</td>
                  <td className="diff-code">
                    <Code text={r.text} />
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}
