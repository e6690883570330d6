// One policy: create it, or view, edit and archive it, with its version history beside the form.
import { dsaLabel } from '../shared/dsa';
import { truncate } from '../shared/format';
import { POLICIES } from '../shared/recordKinds';
import type { Policy, PolicyVersion } from '../shared/types';
import { VersionedRecordPage } from '../shared/VersionedRecordPage';
import { PolicyForm, type PolicyDraft } from './PolicyForm';

export function PolicyPage() {
  return (
    <VersionedRecordPage<Policy, PolicyVersion, PolicyDraft>
      kind={POLICIES}
      readOnlyPanelTitle="Definition"
      renderForm={(props) => <PolicyForm {...props} />}
      historyColumns={[
        { label: 'Name', render: (v) => v.name },
        { label: 'Tier', render: (v) => v.severity_tier },
        { label: 'DSA category', render: (v) => dsaLabel(v.dsa_category) },
        { label: 'Definition', render: (v) => <span title={v.definition}>{truncate(v.definition, 80)}</span> },
      ]}
    />
  );
}
