// Who may change strategies (the server lets admins and analysts write them, everyone signed in reads),
// and where the strategy pages live in the console.
import { useSession } from '../shared/session';

const WRITERS = ['admin', 'analyst'];

export function useCanEditStrategies(): boolean {
  const { me } = useSession();
  return me.roles.some((r) => WRITERS.includes(r));
}

export const strategyPath = (id: string, tab = '') => `/strategies/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`;

/** "key:29f7397a1f61:admin" → "admin": the key's name, as the other areas show an author. */
export const byName = (actor: string) => actor.replace(/^key:[^:]+:/, '');

export const percent = (value: number, digits = 1) => `${(value * 100).toFixed(digits)} %`;
