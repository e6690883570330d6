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
      ]}
    />
  );
}
