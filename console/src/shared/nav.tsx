// The navigation of the loop: the areas that work now (Review only for keys that take review tasks, QA only
// for analysts and admins), and the ones still to come shown disabled with a note.
import { NavLink } from 'react-router';
import { OpenAlertsBadge } from '../guardrails/OpenAlertsBadge';
import { isModerator } from '../review/types';
import { useSession } from './session';

const AVAILABLE = [
  { to: '/', label: 'Overview', end: true },
  { to: '/review', label: 'Review', end: false, moderators: true },
  { to: '/appeals', label: 'Appeals', end: false },
  { to: '/operations', label: 'Operations', end: false },
  { to: '/workforce', label: 'Workforce', end: false },
  { to: '/qa', label: 'QA', end: false, analysts: true },
  { to: '/entities', label: 'Entities', end: false },
  { to: '/policies', label: 'Policies', end: false },
  { to: '/queues', label: 'Queues', end: false },
  { to: '/materials', label: 'Materials', end: false },
  { to: '/strategies', label: 'Strategies', end: false },
  { to: '/decisions', label: 'Decisions', end: false },
  { to: '/actions', label: 'Action log', end: false },
  { to: '/statements', label: 'Statements', end: false },
  { to: '/guardrails', label: 'Guardrails', end: false },
  { to: '/strike-ladders', label: 'Strike ladders', end: false },
  { to: '/cases', label: 'Cases', end: false },
  { to: '/audit', label: 'Audit log', end: false },
  { to: '/webhooks', label: 'Webhooks', end: false },
];

const LATER = [
  { label: 'Metrics', note: 'precision, recall, prevalence, SLAs' },
  { label: 'Network', note: 'linked accounts and rings' },
];

export function Nav() {
  const { me } = useSession();
  const isAnalyst = me.roles.includes('admin') || me.roles.includes('analyst');
  const items = AVAILABLE.filter((item) => (!('moderators' in item) || isModerator(me.roles)) && (!('analysts' in item) || isAnalyst));
  return (
    <nav className="nav" aria-label="Console areas">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} className={({ isActive }) => `nav-item${isActive ? ' active' : ''}`}>
              {item.label}
            </NavLink>
            {item.to === '/guardrails' && <OpenAlertsBadge />}
          </li>
        ))}
      </ul>
      <p className="nav-section">Not yet available</p>
      <ul>
        {LATER.map((item) => (
          <li key={item.label}>
            <span className="nav-item disabled" aria-disabled="true" title={`${item.label}: not yet available (${item.note})`}>
              {item.label}
              <small>{item.note}</small>
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
