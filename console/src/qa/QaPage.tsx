// The QA page, for analysts and admins: how accurate each moderator is per policy, how far moderators agree
// (kappa, with the usual words for it), the golden items with their scores, and the double reviews that
// disagreed and wait for an adjudicator. Moderators never see this page: golden items only work blind.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { entityPath } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Badge, Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { percent } from '../review/types';

interface EntityRef {
  type: string;
  id: string;
}
interface ModeratorAccuracy {
  moderator: string;
  policy: string | null;
  golden: { correct: number; total: number };
  outcomes: { agreed: number; total: number };
  appeals: { overturned: number; decided: number };
  correct: number;
  total: number;
  estimate: number;
}
interface PairAgreement {
  moderators: [string, string];
  items: number;
  observed: number;
  kappa: number | null;
  reading: string;
}
interface PolicyAgreement {
  policy: string | null;
  items: number;
  raters: number;
  excluded: number;
  observed: number;
  kappa: number | null;
  reading: string;
}
interface GoldenItem {
  id: number;
  entity: EntityRef;
  policy: string;
  expected: string | null;
  notes: string;
  created_by: string;
  answers: number;
  correct: number;
}
interface Adjudication {
  verdict_id: number;
  entity: EntityRef;
  task_policy: string | null;
  k: number;
  reason: string;
  status: string;
  reviews: { verdict_id: number; moderator: string; policy: string | null; at: string }[];
}
interface Policy {
  id: string;
  name: string;
}

const ENTITY_TYPES = ['content', 'account', 'livestream', 'shop', 'device', 'payment_instrument', 'ip'];
const answer = (p: string | null) => p ?? 'no violation';
const kappaText = (k: number | null) => (k === null ? '—' : k.toFixed(2));
const ratio = (a: number, b: number) => (b ? `${a} / ${b}` : '—');

export function QaPage() {
  const { api } = useSession();
  const accuracy = useLoad((signal) => api.get<{ moderators: ModeratorAccuracy[] }>('/v1/qa/moderators', {}, signal), [api]);
  const [minShared, setMinShared] = useState(10);
  const agreement = useLoad((signal) => api.get<{ pairs: PairAgreement[]; policies: PolicyAgreement[] }>('/v1/qa/agreement', { min_shared: minShared }, signal), [api, minShared]);
  const golden = useLoad((signal) => api.get<{ items: GoldenItem[] }>('/v1/qa/golden', {}, signal), [api]);
  const adjudications = useLoad((signal) => api.get<{ adjudications: Adjudication[] }>('/v1/qa/adjudications', {}, signal), [api]);
  const policies = useLoad((signal) => api.get<{ policies: Policy[] }>('/v1/policies', {}, signal), [api]);
  const policyIds = (policies.data?.policies ?? []).map((p) => p.id);
  const reloadAll = () => {
    accuracy.reload();
    agreement.reload();
    golden.reload();
    adjudications.reload();
  };

  return (
    <div className="page" data-testid="qa-page">
      <PageHeader title="QA" subtitle="Moderators' accuracy and agreement, golden items, and disagreements to adjudicate" />

      <Panel title="Open adjudications" extra={<span className="muted small">double reviews that disagreed; the decision is final and corrects the first verdict's enforcement</span>}>
        <ErrorNote error={adjudications.error} />
        {!adjudications.data ? (
          <Loading />
        ) : adjudications.data.adjudications.length === 0 ? (
          <Empty>No disagreements waiting.</Empty>
        ) : (
          <table className="table small" data-testid="qa-adjudications">
            <thead>
              <tr>
                <th>Item</th>
                <th>Asked about</th>
                <th>Answers</th>
                <th>Decision</th>
              </tr>
            </thead>
            <tbody>
              {adjudications.data.adjudications.map((a) => (
                <tr key={a.verdict_id}>
                  <td>
                    <Link to={entityPath(a.entity)}>
                      {a.entity.type}/{a.entity.id}
                    </Link>
                    <div className="muted">{a.reason === 'severe' ? 'severity tier 1' : a.reason}</div>
                  </td>
                  <td>{a.task_policy ?? '—'}</td>
                  <td>
                    {a.reviews.map((r) => (
                      <div key={r.verdict_id}>
                        {r.moderator}: <strong>{answer(r.policy)}</strong>
                      </div>
                    ))}
                  </td>
                  <td>
                    <DecideForm verdictId={a.verdict_id} options={[...new Set([...a.reviews.map((r) => r.policy), ...policyIds])]} onDone={reloadAll} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>

      <Panel title="Accuracy per moderator" extra={<span className="muted small">golden items, agreement with settled outcomes, appeals; estimate = (correct + 1) / (total + 2)</span>}>
        <ErrorNote error={accuracy.error} />
        {!accuracy.data ? (
          <Loading />
        ) : accuracy.data.moderators.length === 0 ? (
          <Empty>No evidence yet: no golden answers, settled double reviews or decided appeals.</Empty>
        ) : (
          <table className="table small" data-testid="qa-accuracy">
            <thead>
              <tr>
                <th>Moderator</th>
                <th>Policy</th>
                <th className="num">Golden right</th>
                <th className="num">Matched outcome</th>
                <th className="num">Appeals overturned</th>
                <th className="num">Estimate</th>
              </tr>
            </thead>
            <tbody>
              {accuracy.data.moderators.map((m) => (
                <tr key={`${m.moderator} ${m.policy}`}>
                  <td>{m.moderator}</td>
                  <td>{m.policy ?? '—'}</td>
                  <td className="num">{ratio(m.golden.correct, m.golden.total)}</td>
                  <td className="num">{ratio(m.outcomes.agreed, m.outcomes.total)}</td>
                  <td className="num">{ratio(m.appeals.overturned, m.appeals.decided)}</td>
                  <td className="num" title={`${m.correct} right of ${m.total}`}>
                    <strong>{percent(m.estimate)}</strong> <span className="muted">({m.total} observed)</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>

      <Panel
        title="Agreement"
        extra={
          <label className="muted small">
            pairs sharing at least{' '}
            <input type="number" min={1} value={minShared} onChange={(e) => setMinShared(Math.max(1, Number(e.target.value) || 1))} style={{ width: '4em' }} /> items
          </label>
        }
      >
        <ErrorNote error={agreement.error} />
        {!agreement.data ? (
          <Loading />
        ) : (
          <>
            <h3 className="small">Per policy (Fleiss' kappa)</h3>
            {agreement.data.policies.length === 0 ? (
              <Empty>No finished double reviews yet.</Empty>
            ) : (
              <table className="table small" data-testid="qa-policy-agreement">
                <thead>
                  <tr>
                    <th>Policy</th>
                    <th className="num">Items</th>
                    <th className="num">Reviews each</th>
                    <th className="num">Agreement</th>
                    <th className="num">Kappa</th>
                    <th>Reading</th>
                  </tr>
                </thead>
                <tbody>
                  {agreement.data.policies.map((p) => (
                    <tr key={p.policy ?? ''}>
                      <td>{p.policy ?? '—'}</td>
                      <td className="num">{p.items}</td>
                      <td className="num">{p.raters || '—'}</td>
                      <td className="num">{percent(p.observed)}</td>
                      <td className="num">{kappaText(p.kappa)}</td>
                      <td>{p.reading}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h3 className="small">Per pair of moderators (Cohen's kappa)</h3>
            {agreement.data.pairs.length === 0 ? (
              <Empty>No pair of moderators has reviewed {minShared} items in common yet.</Empty>
            ) : (
              <table className="table small" data-testid="qa-pair-agreement">
                <thead>
                  <tr>
                    <th>Moderators</th>
                    <th className="num">Shared items</th>
                    <th className="num">Agreement</th>
                    <th className="num">Kappa</th>
                    <th>Reading</th>
                  </tr>
                </thead>
                <tbody>
                  {agreement.data.pairs.map((p) => (
                    <tr key={p.moderators.join(' ')}>
                      <td>{p.moderators.join(' · ')}</td>
                      <td className="num">{p.items}</td>
                      <td className="num">{percent(p.observed)}</td>
                      <td className="num">{kappaText(p.kappa)}</td>
                      <td>{p.reading}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Panel>

      <Panel title="Golden items" extra={<span className="muted small">items with a known answer, handed to moderators now and then as ordinary tasks</span>}>
        <ErrorNote error={golden.error} />
        <GoldenForm policies={policyIds} onDone={golden.reload} />
        {!golden.data ? (
          <Loading />
        ) : golden.data.items.length === 0 ? (
          <Empty>No golden items yet.</Empty>
        ) : (
          <table className="table small" data-testid="qa-golden">
            <thead>
              <tr>
                <th>Item</th>
                <th>Asked about</th>
                <th>Right answer</th>
                <th className="num">Answered right</th>
                <th>Notes</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {golden.data.items.map((g) => (
                <tr key={g.id}>
                  <td>
                    <Link to={entityPath(g.entity)}>
                      {g.entity.type}/{g.entity.id}
                    </Link>
                  </td>
                  <td>{g.policy}</td>
                  <td>
                    <Badge tone={g.expected ? 'danger' : 'ok'}>{answer(g.expected)}</Badge>
                  </td>
                  <td className="num">{g.answers ? `${g.correct} / ${g.answers} (${percent(g.correct / g.answers)})` : 'not answered yet'}</td>
                  <td>{g.notes}</td>
                  <td>
                    <button type="button" className="btn" onClick={() => void api.post(`/v1/qa/golden/${g.id}/archive`, {}).then(golden.reload, golden.reload)}>
                      Archive
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}

function DecideForm({ verdictId, options, onDone }: { verdictId: number; options: (string | null)[]; onDone(): void }) {
  const { api } = useSession();
  const [choice, setChoice] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return setError(new Error('choose the final answer'));
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/v1/qa/adjudications/${verdictId}/decide`, { policy: choice === '(none)' ? null : choice, notes: notes || undefined });
      onDone();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="toolbar">
      <select aria-label="Final answer" value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">Final answer…</option>
        {options.map((p) => (
          <option key={p ?? '(none)'} value={p ?? '(none)'}>
            {answer(p)}
          </option>
        ))}
      </select>
      <input aria-label="Notes" placeholder="why (optional)" value={notes} onChange={(e) => setNotes(e.target.value)} />
      <button type="submit" className="btn" disabled={busy}>
        Decide
      </button>
      <ErrorNote error={error} />
    </form>
  );
}

function GoldenForm({ policies, onDone }: { policies: string[]; onDone(): void }) {
  const { api } = useSession();
  const [type, setType] = useState('content');
  const [id, setId] = useState('');
  const [policy, setPolicy] = useState('');
  const [expected, setExpected] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<Error>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (!id.trim() || !policy || !expected) return setError(new Error('give the entity, the policy asked about and the right answer'));
    try {
      await api.post('/v1/qa/golden', { entity: { type, id: id.trim() }, policy, expected: expected === '(none)' ? null : expected, notes: notes || undefined });
      setId('');
      setNotes('');
      onDone();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form onSubmit={submit} className="toolbar" data-testid="qa-golden-form">
      <select aria-label="Entity type" value={type} onChange={(e) => setType(e.target.value)}>
        {ENTITY_TYPES.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      <input aria-label="Entity id" placeholder="entity id" value={id} onChange={(e) => setId(e.target.value)} />
      <select aria-label="Policy asked about" value={policy} onChange={(e) => setPolicy(e.target.value)}>
        <option value="">Policy asked about…</option>
        {policies.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      <select aria-label="Right answer" value={expected} onChange={(e) => setExpected(e.target.value)}>
        <option value="">Right answer…</option>
        <option value="(none)">no violation</option>
        {policies.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      <input aria-label="Notes" placeholder="notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
      <button type="submit" className="btn">
        Add golden item
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
