// One entity: its attributes, labels, relations both ways, strikes, the cases it is in, recent events, and
// media blurred until clicked.
import { Link, useParams } from 'react-router';
import { ApiError, seg } from '../shared/api';
import { BlurredMedia } from '../shared/BlurredMedia';
import { EventTable } from '../shared/EventTable';
import { attrText, formatCount, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useApi } from '../shared/session';
import type { EntityDetail } from '../shared/types';
import { Badge, Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { Relations } from './Relations';
import { EntityStrikes } from '../strikes/EntityStrikes';
import { EntityCases } from '../cases/EntityCases';

export function EntityPage() {
  const api = useApi();
  const { type = '', id = '' } = useParams();
  const detail = useLoad((signal) => api.get<EntityDetail>(`/v1/entities/${seg(type)}/${seg(id)}`, undefined, signal), [api, type, id]);

  const back = (
    <Link to={`/entities?type=${encodeURIComponent(type)}`} className="btn">
      Search entities
    </Link>
  );
  if (detail.error) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <>
        <PageHeader title={<EntityTitle type={type} id={id} />} actions={back} />
        {missing ? <Empty>Vigil has not seen this {type} in any event.</Empty> : <ErrorNote error={detail.error} />}
      </>
    );
  }
  if (!detail.data) return <Loading what={`${type} ${id}`} />;

  const { entity, relations, events, media } = detail.data;
  const attrs = Object.entries(entity.attrs).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <PageHeader
        title={<EntityTitle type={entity.type} id={entity.id} />}
        subtitle={`First seen ${formatTime(entity.first_seen)} · last seen ${formatTime(entity.last_seen)} · ${formatCount(entity.event_count)} event${entity.event_count === 1 ? '' : 's'}`}
        actions={
          <>
            <button type="button" className="btn" onClick={detail.reload} disabled={detail.loading}>
              Refresh
            </button>
            {back}
          </>
        }
      />
      <div className="labels" data-testid="entity-labels">
        {entity.labels.length ? entity.labels.map((l) => <Badge key={l} tone="warn">{l}</Badge>) : <span className="muted">No labels</span>}
      </div>
      <div className="entity-grid">
        <Panel title="Attributes">
          {attrs.length ? (
            <dl className="attrs" data-testid="entity-attrs">
              {attrs.map(([k, v]) => (
                <div key={k} className="attr">
                  <dt>{k}</dt>
                  <dd>{attrText(v)}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <Empty>No attributes.</Empty>
          )}
        </Panel>
        <Panel title={`Outgoing relations (${relations.outgoing.length})`} extra={<span className="muted small">this → other</span>}>
          <Relations items={relations.outgoing} direction="outgoing" testId="relations-outgoing" />
        </Panel>
        <Panel title={`Incoming relations (${relations.incoming.length})`} extra={<span className="muted small">other → this</span>}>
          <Relations items={relations.incoming} direction="incoming" testId="relations-incoming" />
        </Panel>
      </div>
      <EntityCases type={entity.type} id={entity.id} />
      {media.length > 0 && (
        <Panel title={`Media (${media.length})`} extra={<span className="muted small">Blurred by default. Click or press Enter to reveal, again to blur.</span>}>
          <div className="media-grid" data-testid="entity-media">
            {media.map((m) => (
              <BlurredMedia key={m.sha256} media={m} />
            ))}
          </div>
        </Panel>
      )}
      <EntityStrikes type={entity.type} id={entity.id} />
      <Panel title={`Recent events (${events.length})`}>
        {events.length ? <EventTable events={events} testId="entity-events" /> : <Empty>No events.</Empty>}
      </Panel>
    </>
  );
}

function EntityTitle({ type, id }: { type: string; id: string }) {
  return (
    <>
      <span className="muted entity-type">{type}</span> <span className="entity-id">{id}</span>
    </>
  );
}
