// The strategy picker of the filter bars (decision explorer, action log): every strategy, plus the one in
// the URL even when it no longer exists, so a link to an old strategy still shows what it filters by.
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import type { StrategyListItem } from './types';

export function StrategySelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { api } = useSession();
  const strategies = useLoad((signal) => api.get<{ strategies: StrategyListItem[] }>('/v1/strategies', undefined, signal).then((r) => r.strategies), [api]);
  return (
    <select name="strategy" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">any</option>
      {strategies.data?.map((s) => (
        <option key={s.id} value={s.id}>
          {s.id}
        </option>
      ))}
      {value && !strategies.data?.some((s) => s.id === value) && <option value={value}>{value}</option>}
    </select>
  );
}
