// One review queue: create it, or view, edit and archive it, with its version history. Its form picks from the
// policy catalogue, so the page waits for that too. Below, a preview of the automatic thresholds its
// staffing calls for.
import { useParams } from 'react-router';
import { useLoad } from '../shared/hooks';
import { POLICIES, QUEUES } from '../shared/recordKinds';
import { useSession } from '../shared/session';
import type { Policy, Queue, QueueVersion } from '../shared/types';
import { VersionedRecordPage } from '../shared/VersionedRecordPage';
import { QueueForm, type QueueDraft } from './QueueForm';
import { ThresholdsPanel } from './ThresholdsPanel';

export function QueuePage() {
  const { api } = useSession();
  const { id } = useParams();
  const needs = useLoad(
    async (signal) => {
      const [{ policies }, { queues }] = await Promise.all([api.get<{ policies: Policy[] }>(POLICIES.apiPath, undefined, signal), api.get<{ queues: Queue[] }>(QUEUES.apiPath, undefined, signal)]);
      return { policies, queues };
    },
    [api],
  );
  return (
    <VersionedRecordPage<Queue, QueueVersion, QueueDraft, { policies: Policy[]; queues: Queue[] }>
      kind={QUEUES}
      readOnlyPanelTitle="Settings"
      formNeeds={{ what: 'policies and queues', loaded: needs }}
      after={id !== undefined && <ThresholdsPanel queueId={id} />}
      renderForm={(props, n) => <QueueForm {...props} policies={n.policies} queues={n.queues} />}
      historyColumns={[
        { label: 'Name', render: (v) => v.name },
        { label: 'Policies', render: (v) => v.policies.join(', ') || '—' },
        { label: 'Languages', render: (v) => v.languages.join(', ') || 'any' },
        { label: 'SLA', render: (v) => (v.sla_minutes ? `${v.sla_minutes} min` : '—') },
        { label: 'Escalation', render: (v) => v.escalation_queue || '—' },
        { label: 'Teams', render: (v) => v.teams?.join(', ') || 'everyone' },
      ]}
    />
  );
}
