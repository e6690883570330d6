// A new strategy: id, name, description and its first source, checked live as it is typed; saving
// creates the strategy with v1 as a draft.
import { Link, useNavigate } from 'react-router';
import { useSession } from '../shared/session';
import { Empty, PageHeader } from '../shared/ui';
import { strategyPath, useCanEditStrategies } from './access';
import { StrategyForm, type StrategyDraft } from './StrategyForm';
import type { Strategy } from './types';

export const STARTER = `# What this strategy looks for, in one line.
policy spam
on comment

let recent = count(comment, by: author, window: 10m)

rule burst
  when recent >= 5
  then enqueue "general" priority 50
`;

export function NewStrategyPage() {
  const { api } = useSession();
  const canEdit = useCanEditStrategies();
  const navigate = useNavigate();

  async function create(draft: StrategyDraft) {
    const created = await api.post<Strategy>('/v1/strategies', {
      id: draft.id,
      name: draft.name,
      ...(draft.description ? { description: draft.description } : {}),
      source: draft.source,
      ...(draft.note ? { note: draft.note } : {}),
    });
    navigate(strategyPath(created.id, 'versions'), { state: { created: true } });
  }

  return (
    <>
      <PageHeader
        title="New strategy"
        subtitle="Its first version is saved as a draft: it runs only once you put it in shadow, a rollout or live."
        actions={
          <Link to="/strategies" className="btn">
            All strategies
          </Link>
        }
      />
      {canEdit ? (
        <StrategyForm creating initial={{ id: '', name: '', description: '', source: STARTER, note: '' }} submitLabel="Create strategy" onSubmit={create} />
      ) : (
        <Empty>Only admins and analysts write strategies.</Empty>
      )}
    </>
  );
}
