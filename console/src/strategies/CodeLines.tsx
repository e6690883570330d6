// Highlighted source, one <div> per line: the layer under the editor's textarea and the read-only views
// (a version's source, the lines of a diff, the source behind a decision). Marks (a problem's underline)
// are drawn over the tokens; a mark at the end of a line (a missing `then`) gets a one-space stub.
import type { ReactNode } from 'react';
import { tokenizeForHighlight, type HlToken } from './highlight';

export interface CodeMark {
  start: number;
  end: number;
  /** mk-error, mk-warning, mk-condition-true … */
  cls: string;
  title?: string;
}

/** The highlighted pieces of src[from, to). */
export function renderRange(src: string, from: number, to: number, tokens: HlToken[], marks: CodeMark[]): ReactNode[] {
  const cuts = new Set<number>([from, to]);
  const inRange = tokens.filter((t) => t.end > from && t.start < to);
  for (const t of inRange) cuts.add(Math.max(from, t.start)).add(Math.min(to, t.end));
  const lineMarks = marks.filter((m) => m.end > from && m.start < to);
  for (const m of lineMarks) cuts.add(Math.max(from, m.start)).add(Math.min(to, m.end));
  const edges = [...cuts].sort((a, b) => a - b);
  const out: ReactNode[] = [];
  let k = 0;
  for (let e = 0; e + 1 < edges.length; e++) {
    const [a, b] = [edges[e]!, edges[e + 1]!];
    while (k < inRange.length && inRange[k]!.end <= a) k++;
    const tok = inRange[k] && inRange[k]!.start <= a ? inRange[k] : undefined;
    const covering = lineMarks.filter((m) => m.start <= a && m.end >= b);
    const cls = [tok ? `tk-${tok.cls}` : '', ...covering.map((m) => m.cls)].filter(Boolean).join(' ');
    const title = covering.map((m) => m.title).filter(Boolean).join('\n') || undefined;
    const text = src.slice(a, b);
    out.push(
      cls || title ? (
        <span key={a} className={cls || undefined} title={title}>
          {text}
        </span>
      ) : (
        text
      ),
    );
  }
  // A problem at the very end of the line (or of the source) is drawn on a space after it.
  for (const m of marks.filter((mk) => mk.start === to)) {
    out.push(
      <span key={`eol-${m.start}-${m.cls}`} className={`${m.cls} mk-eol`} title={m.title}>
        {' '}
      </span>,
    );
  }
  return out;
}

/** Line start offsets of src. */
export function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') starts.push(i + 1);
  return starts;
}

export function CodeLines({ src, marks = [], lineClass, tokens }: { src: string; marks?: CodeMark[]; lineClass?: (line: number) => string | undefined; tokens?: HlToken[] }) {
  const toks = tokens ?? tokenizeForHighlight(src);
  const starts = lineStarts(src);
  return (
    <>
      {starts.map((start, i) => {
        const end = i + 1 < starts.length ? starts[i + 1]! - 1 : src.length;
        const extra = lineClass?.(i + 1);
        return (
          <div key={i} className={`code-line${extra ? ` ${extra}` : ''}`} data-line={i + 1}>
            {renderRange(src, start, end, toks, marks)}
            {start === end ? '\u200b' : null}
          </div>
        );
      })}
    </>
  );
}

/** A read-only block of source with line numbers (a version, the source behind a decision). */
export function SourceView({ src, marks, lineClass, testId, firstLine = 1 }: { src: string; marks?: CodeMark[]; lineClass?: (line: number) => string | undefined; testId?: string; firstLine?: number }) {
  const count = lineStarts(src).length;
  return (
    <div className="source-view" data-testid={testId}>
      <div className="source-gutter" aria-hidden="true">
        {Array.from({ length: count }, (_, i) => (
          <div key={i} className={`code-line${lineClass?.(i + 1) ? ` ${lineClass(i + 1)}` : ''}`}>
            {firstLine + i}
          </div>
        ))}
      </div>
      <pre className="source-code">
        <CodeLines src={src} marks={marks} lineClass={lineClass} />
      </pre>
    </div>
  );
}
