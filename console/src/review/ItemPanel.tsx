// The item under review as the moderator needs it: its text fields (title, text, transcript, bio…) with the
// material hits highlighted at their spans (code points, applied through Array.from by HighlightedText),
// its media blurred until clicked, and every hit listed with its package, material, policy and severity. An
// item without text (a livestream, most accounts) shows its latest events instead: chat, gifts, reports.
import { Link } from 'react-router';
import { BlurredMedia } from '../shared/BlurredMedia';
import { EventTable } from '../shared/EventTable';
import { entityPath, formatTime } from '../shared/format';
import type { EntityDetail, StoredEvent } from '../shared/types';
import { Empty, Panel } from '../shared/ui';
import { HighlightedText, type Mark } from '../materials/HighlightedText';
import type { EntityRef, MaterialHitView } from './types';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** The fields of an item a moderator reads, in reading order, with their labels. */
const FIELDS: [string, string][] = [
  ['title', 'Title'],
  ['display_name', 'Display name'],
  ['name', 'Name'],
  ['text', 'Text'],
  ['bio', 'Bio'],
  ['transcript', 'Transcript'],
];

/** Where an event body describes an entity of each type. */
const ROLES: Record<string, string[]> = {
  content: ['content', 'listing'],
  account: ['account', 'author', 'host', 'sender', 'viewer'],
  livestream: ['livestream'],
  shop: ['shop'],
};

export interface ItemVersion {
  event: StoredEvent;
  fields: { field: string; label: string; text: string }[];
}

/** The versions of the item its events carry (newest first), each with its readable fields. */
export function itemVersions(entity: EntityRef, events: StoredEvent[]): ItemVersion[] {
  const out: ItemVersion[] = [];
  for (const event of events) {
    const described = (ROLES[entity.type] ?? []).map((r) => obj(event.body[r])).find((o) => o && o.id === entity.id);
    if (!described) continue;
    const attrs = obj(described.attrs);
    const fields = FIELDS.flatMap(([field, label]) => {
      const text = str(described[field]) ?? (field === 'transcript' ? str(attrs?.transcript) : undefined);
      return text ? [{ field, label, text }] : [];
    });
    if (fields.length) out.push({ event, fields });
  }
  return out;
}

const hitTitle = (h: MaterialHitView) => `${h.package} · material #${h.material_id} · ${h.policy} · severity ${h.severity}`;

export function ItemPanel({ entity, detail, hits }: { entity: EntityRef; detail: EntityDetail | undefined; hits: MaterialHitView[] }) {
  const versions = detail ? itemVersions(entity, detail.events) : [];
  // The newest version, and any older one a hit was found in.
  const hitEvents = new Set(hits.map((h) => h.event_id));
  const shown = versions.filter((v, i) => i === 0 || hitEvents.has(v.event.id));
  return (
    <Panel
      title="The item"
      className="review-item"
      extra={
        <span className="small">
          <span className="muted">{entity.type}</span>{' '}
          <Link to={entityPath(entity)} target="_blank" data-testid="task-entity">
            {entity.id}
          </Link>
        </span>
      }
    >
      {!detail ? (
        <p className="muted">Loading the item…</p>
      ) : shown.length === 0 ? (
        detail.events.length > 0 ? (
          // A livestream or an account has no text of its own: what happened on or around it is the item.
          <div data-testid="item-events">
            <span className="item-label">No text of its own; its latest events ({Math.min(detail.events.length, 15)} of {detail.events.length})</span>
            <EventTable events={detail.events.slice(0, 15)} />
          </div>
        ) : (
          <Empty>No text for this {entity.type}.</Empty>
        )
      ) : (
        shown.map((v, i) => (
          <div key={v.event.id} className="item-version" data-event={v.event.id}>
            {(shown.length > 1 || i > 0) && (
              <div className="muted small">
                {i === 0 ? 'Latest' : 'Earlier'} · {v.event.type} · {formatTime(v.event.event_time)}
              </div>
            )}
            {v.fields.map((f) => {
              const marks: Mark[] = hits
                .filter((h) => h.event_id === v.event.id && h.field === f.field && h.span)
                .map((h) => ({ start: h.span![0], end: h.span![1], title: hitTitle(h) }));
              return (
                <div key={f.field} className={`item-field item-${f.field}`} data-field={f.field}>
                  <span className="item-label">{f.label}</span>
                  <HighlightedText text={f.text} marks={marks} className={f.field === 'title' ? 'item-title' : 'item-text'} testId={`item-${f.field}`} />
                </div>
              );
            })}
          </div>
        ))
      )}
      {detail && detail.media.length > 0 && (
        <div className="item-media">
          <span className="item-label">Media ({detail.media.length}) · blurred: click or press Enter to reveal, again to blur</span>
          <div className="media-grid" data-testid="item-media">
            {detail.media.map((m) => (
              <BlurredMedia key={m.sha256} media={m} />
            ))}
          </div>
        </div>
      )}
      {hits.length > 0 && (
        <details className="item-hits" open={hits.length <= 5}>
          <summary className="small">
            {hits.length} material hit{hits.length === 1 ? '' : 's'}
          </summary>
          <table className="table small" data-testid="item-hits">
            <thead>
              <tr>
                <th>Field</th>
                <th>Package</th>
                <th>Material</th>
                <th>Policy</th>
                <th className="num">Severity</th>
                <th>At</th>
              </tr>
            </thead>
            <tbody>
              {hits.map((h, i) => (
                <tr key={i}>
                  <td>{h.field}</td>
                  <td>
                    <code>{h.package}</code>
                  </td>
                  <td>
                    <Link to={`/materials/${encodeURIComponent(h.package)}/m/${h.material_id}`}>#{h.material_id}</Link>
                  </td>
                  <td>{h.policy}</td>
                  <td className="num">
                    <span className={`tier tier-${h.severity}`}>{h.severity}</span>
                  </td>
                  <td className="nowrap">{formatTime(h.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </Panel>
  );
}
