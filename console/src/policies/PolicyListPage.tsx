// The policy catalogue: every policy with its tier, DSA category and version; admins can add one.
import { dsaLabel } from '../shared/dsa';
import { RecordList } from '../shared/RecordList';
import { POLICIES } from '../shared/recordKinds';
import type { Policy } from '../shared/types';

export function PolicyListPage() {
  return (
    <RecordList<Policy>
      kind={POLICIES}
      subtitle="What is not allowed on the platform, how severe it is, and its EU DSA category."
      columns={[
        { label: 'Tier', numeric: true, render: (p) => <span className={`tier tier-${p.severity_tier}`}>{p.severity_tier}</span> },
        { label: 'DSA category', render: (p) => dsaLabel(p.dsa_category) },
      ]}
    />
  );
}
