// The moderator's own exposure meter: how many items of each harm category this shift has shown them,
// against their budget, so they (and their lead) see a limit coming before the router stops handing them
// such items. Keys without a profile have no meter (404) and see nothing.
import { ApiError } from '../shared/api';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Panel } from '../shared/ui';
import type { ExposureMeter as Meter } from '../workforce/types';
import '../workforce/workforce.css';

/** `refresh` changes whenever a task is taken or decided: exposure is counted when a task is leased. */
export function ExposureMeter({ refresh }: { refresh: unknown }) {
  const { api } = useSession();
  const meter = useLoad(
    (signal) =>
      api.get<Meter>('/v1/me/exposure', undefined, signal).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    [api, refresh],
  );
  const m = meter.data;
  // No profile, or nothing to show yet: the meter only takes room when it says something.
  if (!m || m.categories.length === 0) return null;
  return (
    <Panel title="Exposure this shift" extra={<span className="muted small">last {m.shift_hours} h</span>} className="exposure-panel">
      <div className="exposure-meter" data-testid="exposure-meter">
        {m.categories.map((c) => {
          const share = c.budget ? Math.min(1, c.used / c.budget) : c.budget === 0 ? 1 : 0;
          const tone = c.budget === null ? '' : share >= 1 ? ' spent' : share >= 0.8 ? ' near' : '';
          return (
            <div className="exposure-row" key={c.category} data-category={c.category}>
              <span>{c.category.replace(/_/g, ' ')}</span>
              <div
                className={`exposure-bar${tone}`}
                role="meter"
                aria-label={`${c.category} exposure`}
                aria-valuemin={0}
                aria-valuemax={c.budget ?? undefined}
                aria-valuenow={c.used}
              >
                <span style={{ width: `${Math.round(share * 100)}%` }} />
              </div>
              <span className="num" data-testid={`exposure-${c.category}`}>
                {c.used} / {c.budget ?? '∞'}
              </span>
            </div>
          );
        })}
      </div>
    </Panel>
  );
}
