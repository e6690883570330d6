// A text block with its hits highlighted and its invisible characters shown as badges. The block is
// dir="auto" so Arabic or Hebrew text lays out right to left; highlights are plain <mark>s inside the flow
// (a <bdi> there would reorder the words around a hit and break Arabic letter joining), while the badges,
// which are Latin text dropped into possibly right-to-left text, are isolated in a <bdi dir="ltr">.
import { Fragment } from 'react';
import { segment, hiddenChars, type Span } from './text';
import type { HiddenChar } from './types';

export interface Mark extends Partial<Span> {
  /** Shown as the highlight's tooltip. */
  title: string;
  /** Test hits are recorded but never acted on: drawn dashed. */
  test?: boolean;
  /** The legend number shown after the highlight. */
  label?: string;
}

export function HighlightedText({
  text,
  marks = [],
  hidden,
  testId,
  className,
  inline,
}: {
  text: string;
  marks?: Mark[];
  /** The server's list of hidden characters; others are found here. */
  hidden?: HiddenChar[];
  testId?: string;
  className?: string;
  /** A <bdi> in a line (a table cell) instead of a block. */
  inline?: boolean;
}) {
  const segments = segment(text, marks, hiddenChars(text, hidden));
  const Tag = inline ? 'bdi' : 'div';
  return (
    <Tag className={`hl-text${inline ? ' hl-inline' : ''}${className ? ` ${className}` : ''}`} dir="auto" data-testid={testId}>
      {segments.map((s) => {
        const covering = s.spans.map((i) => marks[i]);
        const ending = covering.filter((m) => m.label && m.end === s.end);
        const tags = ending.map((m) => (
          <sup key={m.label} className="hl-label" aria-hidden="true">
            {m.label}
          </sup>
        ));
        if (s.type === 'hidden') {
          return (
            <Fragment key={s.start}>
              <bdi dir="ltr" className={`hidden-char${covering.length ? ' in-hit' : ''}`} title={`${s.hidden.code_point} ${s.hidden.name} (invisible; dropped by the matcher)`} data-index={s.hidden.index} data-code-point={s.hidden.code_point}>
                ⟨{s.hidden.code_point} {s.hidden.name}⟩
              </bdi>
              {tags}
            </Fragment>
          );
        }
        if (!covering.length) return <Fragment key={s.start}>{s.text}</Fragment>;
        const test = covering.every((m) => m.test);
        return (
          <Fragment key={s.start}>
            <mark
              className={`hit ${test ? 'hit-test' : 'hit-live'}${covering.length > 1 ? ' hit-overlap' : ''}`}
              title={covering.map((m) => m.title).join('\n')}
              data-start={s.start}
              data-end={s.end}
              data-hits={s.spans.join(' ')}
            >
              {s.text}
            </mark>
            {tags}
          </Fragment>
        );
      })}
    </Tag>
  );
}
