// One action's statement of reasons, as a panel: every TDB field Vigil filled in, read from the server.
import { seg } from '../shared/api';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { ErrorNote, Loading } from '../shared/ui';
import { FIELD_LABELS, fieldText, type StatementRecord } from './types';

export function StatementPanel({ id }: { id: number }) {
  const { api } = useSession();
  const st = useLoad((signal) => api.get<StatementRecord>(`/v1/statements/${seg(String(id))}`, undefined, signal), [api, id]);
  if (st.error) return <ErrorNote error={st.error} title="No statement of reasons" />;
  if (!st.data) return <Loading what="the statement of reasons" />;
  const fields = st.data.statement;
  return (
    <section className="panel statement-panel" aria-label={`Statement of reasons of action #${id}`} data-testid="statement-panel">
      <h3>Statement of reasons</h3>
      <dl className="statement-fields">
        {FIELD_LABELS.filter(([k]) => fields[k] !== undefined).map(([k, label]) => (
          <div key={k} data-field={k}>
            <dt title={k}>{label}</dt>
            <dd>{fieldText(fields[k])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
