// One decision and why it fired: each condition of the rule with the value it had (true and false in
// colour), the same marked in the version's source, the counters read with their keys, the material hits
// with their spans shown in the text, the actions it planned with what became of them in the action log,
// and any it suppressed with the reason.
import { Link, useParams } from 'react-router';
import { ApiError, seg } from '../shared/api';
import { entityPath, formatCount, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import type { StoredEvent } from '../shared/types';
import { Badge, Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { HighlightedText, type Mark } from '../materials/HighlightedText';
import { materialPath } from '../materials/access';
import { MAX_PAGE, newestActions } from '../actions/newest';
import type { ActionRecord } from '../actions/types';
import { SourceView, type CodeMark } from '../strategies/CodeLines';
import { offsetOf } from '../strategies/highlight';
import { strategyPath } from '../strategies/access';
import { StateBadge } from '../strategies/StateBadge';
import type { StrategyVersion } from '../strategies/types';
import '../strategies/strategies.css';
import { fieldText, valueText } from './eventText';
import { plannedText, type ConditionStep, type Decision, type SpanHit } from './types';

function Value({ v }: { v: unknown }) {
  if (v === true) return <span className="val val-true">true</span>;
  if (v === false) return <span className="val val-false">false</span>;
  if (v === null || v === undefined) return <span className="val val-null">null</span>;
  return <span className="val val-other">{valueText(v)}</span>;
}

const valueClass = (v: unknown) => (v === true ? 'mk-true' : v === false ? 'mk-false' : 'mk-value');

/**
 * Each condition marked where it stands in the source: true and false ones shaded (where they nest, the
 * inner one shows), other values (a count, a score) underlined, so `burst >= 3` reads green with `burst`
 * underlined inside it.
 */
function conditionMarks(src: string, steps: ConditionStep[]): CodeMark[] {
  const placed = steps
    .map((s) => {
      const start = offsetOf(src, s.line, s.col);
      const lineEnd = src.indexOf('\n', start);
      return { s, start, end: Math.min(lineEnd < 0 ? src.length : lineEnd, start + s.expr.length) };
    })
    .sort((a, b) => a.end - a.start - (b.end - b.start));
  const marks: CodeMark[] = [];
  for (const booleans of [true, false]) {
    const taken = new Uint8Array(src.length + 1);
    for (const p of placed.filter((x) => (typeof x.s.value === 'boolean') === booleans)) {
      let i = p.start;
      while (i < p.end) {
        while (i < p.end && taken[i]) i++;
        const from = i;
        while (i < p.end && !taken[i]) taken[i++] = 1;
        if (i > from) marks.push({ start: from, end: i, cls: valueClass(p.s.value), title: `${p.s.expr} = ${valueText(p.s.value)}` });
      }
    }
  }
  return marks;
}

export function DecisionPage() {
  const { api } = useSession();
  const { id = '' } = useParams();
  const decision = useLoad((signal) => api.get<Decision>(`/v1/decisions/${seg(id)}`, undefined, signal), [api, id]);
  const d = decision.data?.id === Number(id) ? decision.data : undefined;
  const version = useLoad(
    (signal) => (d ? api.get<StrategyVersion>(`/v1/strategies/${seg(d.strategy_id)}/versions/${d.strategy_version}`, undefined, signal) : Promise.resolve(undefined)),
    [api, d?.id],
  );
  const event = useLoad(
    (signal) =>
      d ? api.get<{ events: StoredEvent[] }>('/v1/events', { before_seq: d.event_seq + 1, limit: 1 }, signal).then((r) => r.events.find((e) => e.seq === d.event_seq)) : Promise.resolve(undefined),
    [api, d?.id],
  );
  const logged = useLoad(
    async (signal) => {
      if (!d || !d.applied || !d.actions.length) return [] as ActionRecord[];
      const entities = [...new Map(d.actions.map((a) => [`${a.entity.type}:${a.entity.id}`, a.entity])).values()];
      // The version's newest actions on each entity (filtered on the server): the decision's own, and any reverts of them.
      const strategy = { id: d.strategy_id, version: d.strategy_version };
      const recent = (await Promise.all(entities.map((entity) => newestActions(api, { entity, strategy }, null, MAX_PAGE, signal)))).flatMap((p) => p.actions);
      const own = recent.filter((a) => a.strategy?.decision_id === d.id && a.reverts_seq === null);
      const seqs = new Set(own.map((a) => a.seq));
      return [...own, ...recent.filter((a) => a.reverts_seq !== null && seqs.has(a.reverts_seq))];
    },
    [api, d?.id],
  );

  const back = (
    <Link to="/decisions" className="btn">
      All decisions
    </Link>
  );
  if (decision.error) {
    const missing = decision.error instanceof ApiError && decision.error.status === 404;
    return (
      <>
        <PageHeader title={`Decision #${id}`} actions={back} />
        {missing ? <Empty>There is no decision #{id}.</Empty> : <ErrorNote error={decision.error} />}
      </>
    );
  }
  if (!d) return <Loading what={`decision #${id}`} />;
  const ev = d.evidence;
  const conditions = ev.conditions ?? [];
  const counters = ev.counters ?? [];
  const hits = ev.hits ?? [];
  const suppressed = ev.suppressed ?? [];
  const src = version.data?.source;
  const condLines = new Set(conditions.map((c) => c.line));

  return (
    <>
      <PageHeader
        title={
          <>
            Decision #{d.id}: rule “{d.rule}”
          </>
        }
        subtitle={
          <span data-testid="decision-summary">
            <Link to={strategyPath(d.strategy_id)}>{d.strategy_id}</Link> <Link to={`${strategyPath(d.strategy_id, 'versions')}`}>v{d.strategy_version}</Link> · <StateBadge state={d.mode} />{' '}
            {d.applied ? <Badge tone="ok">applied</Badge> : <Badge>not applied</Badge>} · policy <Link to={`/policies/${encodeURIComponent(d.policy_id)}`}>{d.policy_id}</Link>{' '}
            <span className={`tier tier-${d.severity}`} title="severity tier">
              {d.severity}
            </span>
            <br />
            event <code>{d.event_type}</code> <code>{d.event_id}</code> at {formatTime(d.event_time)} · decided {formatTime(d.decided_at)}
            {d.entity && (
              <>
                {' '}
                · about{' '}
                <Link to={entityPath(d.entity)} data-testid="decision-entity">
                  {d.entity.type} {d.entity.id}
                </Link>
              </>
            )}
          </span>
        }
        actions={
          <>
            <Link to={`/decisions?event_id=${encodeURIComponent(d.event_id)}`} className="btn">
              Other decisions on this event
            </Link>
            {back}
          </>
        }
      />
      <div className="decision-grid">
        <Panel title="Why it fired">
          {conditions.length ? (
            <table className="table conditions" data-testid="conditions">
              <thead>
                <tr>
                  <th>At</th>
                  <th>Condition</th>
                  <th>Value</th>
                </tr>
              </thead>
              <tbody>
                {conditions.map((c, i) => (
                  <tr key={i} data-expr={c.expr} data-value={String(c.value)} className={i === conditions.length - 1 ? 'condition-whole' : undefined}>
                    <td className="muted nowrap">
                      {c.line}:{c.col}
                    </td>
                    <td>
                      <code>{c.expr}</code>
                    </td>
                    <td>
                      <Value v={c.value} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>The rule has no condition: it fires on every event it sees.</Empty>
          )}
          {conditions.length > 0 && <p className="muted small">Each part of the rule's condition with the value it had, inner parts first; the last row is the whole condition.</p>}
        </Panel>
        <Panel title={`Source of v${d.strategy_version}`}>
          {src ? (
            <SourceView src={src} marks={conditionMarks(src, conditions)} lineClass={(l) => (condLines.has(l) ? 'line-fired' : undefined)} testId="decision-source" />
          ) : version.error ? (
            <ErrorNote error={version.error} />
          ) : (
            <Loading what="source" />
          )}
        </Panel>
      </div>
      <div className="decision-grid">
        <Panel title={`Counters (${counters.length})`}>
          {counters.length ? (
            <table className="table" data-testid="counters">
              <thead>
                <tr>
                  <th>Counter</th>
                  <th>Key</th>
                  <th className="num">Value</th>
                </tr>
              </thead>
              <tbody>
                {counters.map((c, i) => (
                  <tr key={i}>
                    <td>
                      <code>{c.counter}</code>
                    </td>
                    <td>{c.key ? <CounterKey k={c.key} /> : <span className="muted">no key for this event</span>}</td>
                    <td className="num">{formatCount(c.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>It reads no counters.</Empty>
          )}
          {counters.length > 0 && <p className="muted small">Values as this event read them: what came before it in the window.</p>}
        </Panel>
        <Panel title={`Material hits (${hits.length})`}>
          <Hits hits={hits} event={event.data} />
        </Panel>
      </div>
      <Panel title={`Actions (${d.actions.length})`}>
        <PlannedActions d={d} logged={logged.data} loading={logged.loading} />
      </Panel>
      {suppressed.length > 0 && (
        <Panel title={`Suppressed (${suppressed.length})`}>
          <table className="table" data-testid="suppressed">
            <thead>
              <tr>
                <th>Action</th>
                <th>On</th>
                <th>Because</th>
              </tr>
            </thead>
            <tbody>
              {suppressed.map((s, i) => (
                <tr key={i}>
                  <td>
                    <code>{s.verb}</code>
                  </td>
                  <td>
                    <Link to={entityPath(s.entity)}>
                      {s.entity.type} {s.entity.id}
                    </Link>
                  </td>
                  <td>{s.because}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      )}
      <Panel title="Event">
        {event.data ? (
          <details>
            <summary>
              <code>{event.data.type}</code> {event.data.id} · seq {event.data.seq} · received {formatTime(event.data.received_at)}
            </summary>
            <pre className="json">{JSON.stringify(event.data.body, null, 2)}</pre>
          </details>
        ) : event.loading ? (
          <Loading what="event" />
        ) : (
          <Empty>The event is no longer stored.</Empty>
        )}
      </Panel>
    </>
  );
}

/** "account:a1" → a link to the entity; other keys (a composite key) as they are. */
function CounterKey({ k }: { k: string }) {
  const m = /^(account|content|livestream|shop|device|payment_instrument|ip):(.+)$/.exec(k);
  if (!m) return <code>{k}</code>;
  return (
    <Link to={entityPath({ type: m[1]!, id: m[2]! })}>
      <code>{k}</code>
    </Link>
  );
}

function Hits({ hits, event }: { hits: SpanHit[]; event: StoredEvent | undefined }) {
  if (!hits.length) return <Empty>No material hits on this event were read.</Empty>;
  const fields = [...new Set(hits.map((h) => h.field))];
  return (
    <>
      <table className="table" data-testid="hits">
        <thead>
          <tr>
            <th>Material</th>
            <th>Policy</th>
            <th>Field</th>
            <th>Matched</th>
          </tr>
        </thead>
        <tbody>
          {hits.map((h, i) => (
            <tr key={i}>
              <td className="nowrap">
                <Link to={materialPath(h.package_id, h.material_id)}>
                  {h.package_id} #{h.material_id}
                </Link>
                {h.package_version !== undefined && <span className="muted small"> v{h.package_version}</span>}
              </td>
              <td className="nowrap">
                {h.policy_id} <span className={`tier tier-${h.severity}`}>{h.severity}</span>
              </td>
              <td>
                <code>{h.field}</code>
                {h.span_start !== null && h.span_end !== null && (
                  <span className="muted small">
                    {' '}
                    [{h.span_start}, {h.span_end})
                  </span>
                )}
              </td>
              <td>{h.matched ? <span className="matched">{h.matched}</span> : <span className="muted">whole item</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {fields.map((field) => {
        const text = fieldText(event?.body, field);
        if (!text) return null;
        const marks: Mark[] = hits
          .filter((h) => h.field === field && h.span_start !== null && h.span_end !== null)
          .map((h) => ({ start: h.span_start!, end: h.span_end!, title: `${h.package_id} #${h.material_id} (${h.policy_id})` }));
        return (
          <div key={field} className="hit-text">
            <div className="muted small">{field}</div>
            <HighlightedText text={text} marks={marks} className="text-block" testId={`hit-text-${field}`} />
          </div>
        );
      })}
    </>
  );
}

function PlannedActions({ d, logged, loading }: { d: Decision; logged: ActionRecord[] | undefined; loading: boolean }) {
  if (!d.actions.length) return <Empty>The rule planned no action on this event (its roles were absent, or a label was already there).</Empty>;
  const own = (logged ?? []).filter((a) => a.strategy?.decision_id === d.id && a.reverts_seq === null);
  const bySeq = new Map((logged ?? []).map((a) => [a.seq, a]));
  const used = new Set<number>();
  return (
    <table className="table" data-testid="planned-actions">
      <thead>
        <tr>
          <th>Action</th>
          <th>On</th>
          <th>Reason</th>
          <th>In the action log</th>
        </tr>
      </thead>
      <tbody>
        {d.actions.map((a, i) => {
          const rec = own.find((r) => !used.has(r.seq) && r.action === a.verb && r.entity.type === a.entity.type && r.entity.id === a.entity.id);
          if (rec) used.add(rec.seq);
          const revert = rec?.reverted_by ? bySeq.get(rec.reverted_by) : undefined;
          const suppressed = d.evidence.suppressed?.find((s) => s.verb === a.verb && s.entity.type === a.entity.type && s.entity.id === a.entity.id);
          return (
            <tr key={i}>
              <td>
                <code>{plannedText(a)}</code>
              </td>
              <td>
                <Link to={entityPath(a.entity)}>
                  {a.entity.type} {a.entity.id}
                </Link>
              </td>
              <td>{a.reason ?? <span className="muted">—</span>}</td>
              <td>
                {!d.applied ? (
                  <span className="muted">not applied ({d.mode})</span>
                ) : rec ? (
                  <>
                    <Link to={`/actions?entity_type=${encodeURIComponent(rec.entity.type)}&entity_id=${encodeURIComponent(rec.entity.id)}&focus=${rec.seq}`}>#{rec.seq}</Link>{' '}
                    {rec.reverted_by ? (
                      <Badge tone="warn">
                        reverted by #{rec.reverted_by}
                        {revert ? ` (${revert.action})` : ''}
                      </Badge>
                    ) : (
                      <Badge tone="ok">in effect</Badge>
                    )}
                  </>
                ) : suppressed ? (
                  <Badge tone="warn">suppressed</Badge>
                ) : loading ? (
                  <span className="muted">looking…</span>
                ) : (
                  <span className="muted">not found</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
