// The strategy's editor: starts from a version (the latest, or ?from=N), checks the source live as it is
// typed, and saves it as a new version, a draft, with a note. Moving a version to shadow, rollout or live
// is done under Versions.
import { Link, useSearchParams } from 'react-router';
import { seg } from '../shared/api';
import { useSession } from '../shared/session';
import { Empty } from '../shared/ui';
import { strategyPath } from './access';
import { useStrategy } from './StrategyLayout';
import { StateBadge } from './StateBadge';
import { StrategyForm, type StrategyDraft } from './StrategyForm';
import type { StrategyVersion } from './types';

export function EditorTab() {
  const { api } = useSession();
  const { strategy, versions, canEdit, reload, notify } = useStrategy();
  const [params, setParams] = useSearchParams();
  const fromParam = Number(params.get('from'));
  const base = versions.find((v) => v.version === fromParam) ?? versions[0];
  if (!base) return <Empty>This strategy has no versions.</Empty>;
  const next = strategy.latest_version + 1;

  async function save(draft: StrategyDraft) {
    const saved = await api.post<StrategyVersion>(`/v1/strategies/${seg(strategy.id)}/versions`, {
      name: draft.name,
      description: draft.description,
      source: draft.source,
      ...(draft.note ? { note: draft.note } : {}),
    });
    notify(`Saved as v${saved.version}, a draft. Move it to shadow, a rollout or live under Versions.`);
    setParams({ from: String(saved.version) });
    reload();
  }

  const heading = (
    <div className="editor-base" data-testid="editor-base">
      <span>
        {canEdit ? 'Editing from' : 'Showing'}{' '}
        <select aria-label="Version to start from" value={base.version} onChange={(e) => setParams({ from: e.target.value })}>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} ({v.state}){v.note ? ` — ${v.note.slice(0, 40)}` : ''}
              </option>
            ))}
        </select>{' '}
        <StateBadge state={base.state} percent={base.rollout_percent} />
      </span>
      {canEdit && <span className="muted small">Saving makes v{next}, a draft; nothing changes in production until it is moved under <Link to={strategyPath(strategy.id, 'versions')}>Versions</Link>.</span>}
    </div>
  );

  return (
    <StrategyForm
      // A new base (another version, or the one just saved) starts a fresh draft.
      key={`${base.version}`}
      initial={{ id: strategy.id, name: strategy.name, description: strategy.description, source: base.source, note: '' }}
      readOnly={!canEdit}
      submitLabel={`Save as v${next}`}
      onSubmit={save}
      unchanged={(d) => (d.source === base.source && d.name.trim() === strategy.name && d.description === strategy.description ? `No changes from v${base.version}` : undefined)}
      heading={heading}
    />
  );
}
