// One review queue: create it, or view, edit and archive it, with its version history. Its form picks from the
// policy catalogue, so the page waits for that too.
import { useLoad } from '../shared/hooks';
import { POLICIES, QUEUES } from '../shared/recordKinds';
import { useSession } from '../shared/session';
import type { Policy, Queue, QueueVersion } from '../shared/types';
import { VersionedRecordPage } from '../shared/VersionedRecordPage';
import { QueueForm, type QueueDraft } from './QueueForm';

export function QueuePage() {
  const { api } = useSession();
  const policies = useLoad((signal) => api.get<{ policies: Policy[] }>(POLICIES.apiPath, undefined, signal).then((r) => r.policies), [api]);
  return (
    <VersionedRecordPage<Queue, QueueVersion, QueueDraft, Policy[]>
      kind={QUEUES}
      readOnlyPanelTitle="Settings"
      formNeeds={{ what: 'policies', loaded: policies }}
      renderForm={(props, policyList) => <QueueForm {...props} policies={policyList} />}
      historyColumns={[
        { label: 'Name', render: (v) => v.name },
        { label: 'Policies', render: (v) => v.policies.join(', ') || '—' },
        { label: 'Languages', render: (v) => v.languages.join(', ') || 'any' },
      ]}
    />
  );
}
