// A dense table of events (the overview's live feed, an entity's recent events): time, type, main
// entity with a link, and a snippet of the text it carries.
import { Link } from 'react-router';
import { entityPath, eventText, formatTime, mainEntity, truncate } from './format';
import type { StoredEvent } from './types';

export function EventTable({ events, freshAfterSeq, testId }: { events: StoredEvent[]; freshAfterSeq?: number; testId?: string }) {
  return (
    <table className="table events" data-testid={testId}>
      <thead>
        <tr>
          <th className="col-time">Time</th>
          <th>Type</th>
          <th>Entity</th>
          <th>Text</th>
          <th className="col-lang">Lang</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => {
          const main = mainEntity(e);
          const text = eventText(e.body);
          const fresh = freshAfterSeq !== undefined && e.seq > freshAfterSeq;
          return (
            <tr key={e.seq} className={fresh ? 'fresh' : undefined} data-event-id={e.id}>
              <td className="col-time" title={`event time ${e.event_time}\nreceived ${e.received_at}\nid ${e.id} · seq ${e.seq}`}>
                {formatTime(e.event_time)}
              </td>
              <td>
                <code className="event-type">{e.type}</code>
              </td>
              <td className="col-entity">
                {main ? (
                  <Link to={entityPath(main)} title={`${main.type} ${main.id}`}>
                    <span className="muted">{main.type}</span> {main.id}
                  </Link>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="col-text" title={text}>
                {text ? truncate(text, 140) : <span className="muted">—</span>}
              </td>
              <td className="col-lang">{e.language ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
