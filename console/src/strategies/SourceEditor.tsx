// The rule-language editor: a plain <textarea> (so typing, selection, undo, IME and screen readers behave
// as they always do) over a highlighted copy of the same text, kept aligned by sharing font, padding and
// scroll. Problems from the live check are underlined at their line and column and marked in the gutter;
// `jumpTo` selects a problem's token. Tab indents by two spaces; Escape then Tab leaves the editor.
import { useImperativeHandle, useMemo, useRef, type KeyboardEvent, type Ref } from 'react';
import { CodeLines, lineStarts, type CodeMark } from './CodeLines';
import { problemExtent, tokenizeForHighlight } from './highlight';
import type { SourceProblem } from './types';

export interface EditorHandle {
  /** Focus the editor with [offset, offset + length) selected, scrolled into view. */
  jumpTo(offset: number, length?: number): void;
}

const LINE_PX = 20;
const PAD_PX = 8;

export function SourceEditor({
  value,
  onChange,
  problems = [],
  readOnly,
  minLines = 12,
  maxLines = 36,
  onSave,
  ref,
  label = 'Strategy source',
}: {
  value: string;
  onChange?(next: string): void;
  problems?: SourceProblem[];
  readOnly?: boolean;
  minLines?: number;
  maxLines?: number;
  /** Ctrl/Cmd+S. */
  onSave?(): void;
  ref?: Ref<EditorHandle>;
  label?: string;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const layer = useRef<HTMLPreElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const leaving = useRef(false);

  const tokens = useMemo(() => tokenizeForHighlight(value), [value]);
  const marks = useMemo<CodeMark[]>(
    () =>
      problems
        .filter((p) => p.offset <= value.length)
        .map((p) => ({ ...problemExtent(value, tokens, p.offset), cls: p.level === 'error' ? 'mk-error' : 'mk-warning', title: `${p.level}: ${p.message}` })),
    [problems, value, tokens],
  );
  const byLine = useMemo(() => {
    const m = new Map<number, SourceProblem[]>();
    for (const p of problems) m.set(p.line, [...(m.get(p.line) ?? []), p]);
    return m;
  }, [problems]);
  const lineCount = lineStarts(value).length;
  const height = Math.min(maxLines, Math.max(minLines, lineCount + 1)) * LINE_PX + 2 * PAD_PX + 14;
  const lineClass = (line: number) => {
    const ps = byLine.get(line);
    if (!ps) return undefined;
    return ps.some((p) => p.level === 'error') ? 'line-error' : 'line-warning';
  };

  useImperativeHandle(ref, () => ({
    jumpTo(offset: number, length = 0) {
      const ta = area.current;
      if (!ta) return;
      ta.focus();
      ta.setSelectionRange(offset, offset + length);
      // Put the line about a third of the way down.
      const line = value.slice(0, offset).split('\n').length;
      ta.scrollTop = Math.max(0, (line - 1) * LINE_PX - ta.clientHeight / 3);
      sync();
    },
  }));

  function sync() {
    const ta = area.current;
    if (!ta) return;
    if (layer.current) {
      layer.current.scrollTop = ta.scrollTop;
      layer.current.scrollLeft = ta.scrollLeft;
    }
    if (gutter.current) gutter.current.style.transform = `translateY(${-ta.scrollTop}px)`;
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      onSave?.();
      return;
    }
    if (e.key === 'Escape') {
      leaving.current = true;
      return;
    }
    if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !readOnly) {
      if (leaving.current) {
        leaving.current = false;
        return;
      }
      e.preventDefault();
      // insertText keeps the browser's undo history; set the value by hand where it is missing.
      if (!document.execCommand('insertText', false, '  ')) {
        const ta = e.currentTarget;
        const { selectionStart: s, selectionEnd: t } = ta;
        onChange?.(`${value.slice(0, s)}  ${value.slice(t)}`);
        requestAnimationFrame(() => ta.setSelectionRange(s + 2, s + 2));
      }
      return;
    }
    leaving.current = false;
  }

  function jumpToLine(line: number) {
    const first = byLine.get(line)?.[0];
    if (!first) return;
    const ext = problemExtent(value, tokens, first.offset);
    area.current?.focus();
    area.current?.setSelectionRange(ext.start, ext.end);
  }

  return (
    <div className={`code-editor${readOnly ? ' code-editor-readonly' : ''}`} style={{ height }} data-testid="source-editor">
      <div className="code-gutter">
        <div ref={gutter} className="code-gutter-lines">
          {Array.from({ length: lineCount }, (_, i) => {
            const ps = byLine.get(i + 1);
            const level = ps ? (ps.some((p) => p.level === 'error') ? 'error' : 'warning') : undefined;
            return (
              <div
                key={i}
                className={`code-line gutter-line${level ? ` gutter-${level}` : ''}`}
                data-line={i + 1}
                data-level={level}
                title={ps?.map((p) => `${p.line}:${p.col} ${p.level}: ${p.message}`).join('\n')}
                onClick={level ? () => jumpToLine(i + 1) : undefined}
              >
                {level && (
                  <span className="gutter-mark" aria-hidden="true">
                    {level === 'error' ? '●' : '▲'}
                  </span>
                )}
                {i + 1}
              </div>
            );
          })}
        </div>
      </div>
      <div className="code-area">
        <pre ref={layer} className="code-layer" aria-hidden="true">
          <div className="code-lines">
            <CodeLines src={value} tokens={tokens} marks={marks} lineClass={lineClass} />
            <div className="code-line">{'\u200b'}</div>
          </div>
        </pre>
        <textarea
          ref={area}
          className="code-input"
          aria-label={label}
          value={value}
          readOnly={readOnly}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          onChange={(e) => onChange?.(e.target.value)}
          onScroll={sync}
          onKeyDown={onKeyDown}
          aria-invalid={problems.some((p) => p.level === 'error') || undefined}
        />
      </div>
    </div>
  );
}
