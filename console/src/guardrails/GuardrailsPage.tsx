// The guardrails page (/guardrails): the alerts guardrails raised, their settings (caps and auto-pause),
// and per-entity snoozes. Semantics: docs/rules.md, "How decisions become actions".
import { useSession } from '../shared/session';
import { Empty, PageHeader } from '../shared/ui';
import { AlertsPanel } from './AlertsPanel';
import { SettingsPanel } from './SettingsPanel';
import { SnoozesPanel } from './SnoozesPanel';
import { mayRead } from './types';
import './guardrails.css';

export function GuardrailsPage() {
  const { me } = useSession();
  const header = (
    <PageHeader
      title="Guardrails"
      subtitle="Limits on what strategies do by themselves: daily caps on their actions, an auto-pause of a strategy that suddenly fires far more than it should, and snoozes that hold automation off an entity. Every action a guardrail suppresses is listed in its decision's evidence with the reason."
    />
  );
  if (!mayRead(me.roles)) {
    return (
      <>
        {header}
        <Empty>Guardrails are read by admins, analysts, moderators and viewers; this key has {me.roles.join(', ') || 'no role'}.</Empty>
      </>
    );
  }
  return (
    <>
      {header}
      <AlertsPanel />
      <div className="guardrails-grid">
        <SettingsPanel />
        <SnoozesPanel />
      </div>
    </>
  );
}
