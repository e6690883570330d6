// The count of open guardrail alerts beside the Guardrails nav item, read every 15 s (and at once when an
// alert is acknowledged). A sibling of the nav link, not inside it, so the link's name stays "Guardrails".
import { Link } from 'react-router';
import { usePoll } from '../shared/hooks';
import { useSession } from '../shared/session';
import { useAlertsChanged } from './alertsSignal';
import { alertsPath, mayRead, type Alert } from './types';
import './guardrails.css';

const POLL_MS = 15_000;
/** GET /v1/alerts answers at most this many. */
const MAX = 500;

export function OpenAlertsBadge() {
  const { api, me } = useSession();
  const readable = mayRead(me.roles);
  const changed = useAlertsChanged();
  const open = usePoll(
    (signal) => (readable ? api.get<{ alerts: Alert[] }>('/v1/alerts', { open: true, limit: MAX }, signal).then((r) => r.alerts.length) : Promise.resolve(0)),
    POLL_MS,
    [api, readable, changed],
  );
  const n = open.data ?? 0;
  if (!n) return null;
  const text = n >= MAX ? `${MAX}+` : String(n);
  return (
    <Link to={alertsPath()} className="nav-alerts" data-testid="open-alerts-badge" aria-label={`${text} open guardrail alert${n === 1 ? '' : 's'}`} title={`${text} open guardrail alert${n === 1 ? '' : 's'}`}>
      {text}
    </Link>
  );
}
