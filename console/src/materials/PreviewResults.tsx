// What a draft material would have hit on the stored content of the last days: each hit with its event,
// the item it was found in and an excerpt of the text with the hit highlighted.
import { Link } from 'react-router';
import { entityPath, formatCount, formatTime } from '../shared/format';
import { Empty } from '../shared/ui';
import { HighlightedText } from './HighlightedText';
import { excerpt } from './text';
import type { PreviewHit, PreviewResult } from './types';

export function PreviewResults({ result }: { result: PreviewResult }) {
  return (
    <section className="preview" data-testid="preview-results" aria-label="Preview">
      <h3 className="subhead">
        Preview: {formatCount(result.hits.length)} hit{result.hits.length === 1 ? '' : 's'}{' '}
        <span className="muted">
          in {formatCount(result.scanned)} events stored over the last {Math.round((Date.parse(result.to) - Date.parse(result.from)) / 86_400_000)} days (since {formatTime(result.from)})
          {result.truncated && ' (stopped early: more content or hits exist)'}
        </span>
      </h3>
      {result.hits.length === 0 ? (
        <Empty>Nothing stored in that time would have been hit.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Event time</th>
              <th>Item</th>
              <th>Field</th>
              <th>Excerpt</th>
              <th>Event</th>
            </tr>
          </thead>
          <tbody>
            {result.hits.map((h, i) => (
              <tr key={`${h.event_id}:${h.field}:${h.start ?? i}:${i}`}>
                <td className="nowrap">{formatTime(h.event_time)}</td>
                <td className="nowrap">
                  <Link to={entityPath({ type: h.item_type, id: h.item_id })}>
                    {h.item_type} {h.item_id}
                  </Link>
                </td>
                <td className="muted">{h.field}</td>
                <td className="col-excerpt">
                  <Excerpt hit={h} />
                </td>
                <td>
                  <code className="small">{h.event_id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Excerpt({ hit }: { hit: PreviewHit }) {
  const cut = excerpt(hit.text, { start: hit.start, end: hit.end });
  return <HighlightedText text={cut.text} marks={[{ ...cut.span, title: hit.matched ? `matched “${hit.matched}”` : 'hit' }]} inline className="excerpt" />;
}
