// What the source compiles to, from the live check: policy and severity tier, the event types it runs on,
// each rule with its condition and actions, and the counters it keeps.
import type { CheckResult, CompiledAction } from './types';

function actionText(a: CompiledAction): string {
  const roles = [...new Set(Object.values(a.roles))];
  const parts = [a.verb, roles.length ? roles.join('/') : ''];
  if (a.label) parts.push(`"${a.label}"`);
  if (a.queue) parts.push(`"${a.queue}"`);
  if (a.message) parts.push(`"${a.message}"`);
  if (a.durationMs) parts.push(`for ${Math.round(a.durationMs / 60_000)}m`);
  if (a.priority !== undefined) parts.push(`priority ${a.priority}`);
  if (a.reason) parts.push(`reason "${a.reason}"`);
  return parts.filter(Boolean).join(' ');
}

export function CheckSummary({ result }: { result: CheckResult | undefined }) {
  if (!result?.ok) return <p className="muted small">The summary appears once the source compiles.</p>;
  return (
    <div className="check-summary" data-testid="check-summary">
      <dl className="attrs">
        <div className="attr">
          <dt>policy</dt>
          <dd>
            <code>{result.policy}</code> <span className={`tier tier-${result.severity}`}>{result.severity}</span>
          </dd>
        </div>
        <div className="attr">
          <dt>on</dt>
          <dd>
            {result.on?.map((t) => (
              <code key={t} className="chip">
                {t}
              </code>
            ))}
          </dd>
        </div>
        <div className="attr">
          <dt>counters</dt>
          <dd>{result.counters?.length ? result.counters.map((c) => <div key={c}><code>{c}</code></div>) : <span className="muted">none</span>}</dd>
        </div>
      </dl>
      <table className="table rules-table">
        <thead>
          <tr>
            <th>Rule</th>
            <th>When</th>
            <th>Then</th>
          </tr>
        </thead>
        <tbody>
          {result.rules?.map((r) => (
            <tr key={r.name}>
              <td className="nowrap">{r.name}</td>
              <td>{r.condition ? <code>{r.condition}</code> : <span className="muted">always</span>}</td>
              <td>
                {r.actions.map((a, i) => (
                  <div key={i}>
                    <code>{actionText(a)}</code>
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
