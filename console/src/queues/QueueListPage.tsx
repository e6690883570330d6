// The review-queue registry: each queue with the policies and languages it reviews; admins can add one.
import { RecordList } from '../shared/RecordList';
import { QUEUES } from '../shared/recordKinds';
import type { Queue } from '../shared/types';

export function QueueListPage() {
  return (
    <RecordList<Queue>
      kind={QUEUES}
      subtitle="Where items wait for human review, by policy and language."
      columns={[
        {
          label: 'Policies',
          render: (q) =>
            q.policies.map((p) => (
              <code key={p} className="chip">
                {p}
              </code>
            )),
        },
        { label: 'Languages', render: (q) => (q.languages.length ? q.languages.join(', ') : <span className="muted">any</span>) },
        { label: 'SLA', render: (q) => `${q.sla_minutes} min` },
        { label: 'Escalates to', render: (q) => q.escalation_queue ?? <span className="muted">—</span> },
        { label: 'Teams', render: (q) => (q.teams.length ? q.teams.join(', ') : <span className="muted">everyone</span>) },
        { label: 'State', render: (q) => (q.state === 'active' ? <span className="muted">active</span> : <strong>{q.state}</strong>) },
      ]}
    />
  );
}
