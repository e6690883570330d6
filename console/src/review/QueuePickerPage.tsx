// Where a moderator starts: the queues they may work (their teams', or open to everyone; not paused), each
// with its depth and the age of its oldest task, and "Start reviewing" on one queue or on all of them.
import { Link } from 'react-router';
import { usePoll } from '../shared/hooks';
import { useSession } from '../shared/session';
import type { Queue } from '../shared/types';
import { Badge, Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { ExposureMeter } from './ExposureMeter';
import { formatDuration, isModerator, type QueueStats } from './types';
import './review.css';

export const reviewPath = (queue?: string) => (queue ? `/review/work?queue=${encodeURIComponent(queue)}` : '/review/work');

export function QueuePickerPage() {
  const { api, me } = useSession();
  const data = usePoll(
    async (signal) => {
      const [{ queues }, stats] = await Promise.all([api.get<{ queues: Queue[] }>('/v1/queues', undefined, signal), api.get<{ queues: QueueStats[] }>('/v1/review/queues', undefined, signal)]);
      return { queues, stats: new Map(stats.queues.map((s) => [s.queue, s])) };
    },
    10_000,
    [api],
  );
  const teams = me.teams ?? [];
  if (!isModerator(me.roles)) {
    return (
      <>
        <PageHeader title="Review" />
        <Empty>Only moderators and admins take review tasks. The queues' state is on the Operations page.</Empty>
      </>
    );
  }
  const mine = (data.data?.queues ?? []).filter((q) => !q.archived && (q.teams.length === 0 || q.teams.some((t) => teams.includes(t))));
  const totalOpen = mine.filter((q) => q.state !== 'paused').reduce((n, q) => n + (data.data?.stats.get(q.id)?.open ?? 0), 0);
  return (
    <>
      <PageHeader
        title="Review"
        subtitle={`Queues you can work${teams.length ? ` (teams ${teams.join(', ')})` : ''}. Tasks come highest priority first, then by deadline.`}
        actions={
          <Link to={reviewPath()} className="btn btn-primary" data-testid="start-all">
            Start reviewing all queues{data.data ? ` (${totalOpen})` : ''}
          </Link>
        }
      />
      <ExposureMeter refresh={null} />
      <ErrorNote error={data.error} />
      {!data.data ? (
        <Loading what="queues" />
      ) : mine.length === 0 ? (
        <Empty>No queue is open to your teams.</Empty>
      ) : (
        <Panel title="Queues">
          <table className="table" data-testid="review-queues">
            <thead>
              <tr>
                <th>Queue</th>
                <th>Policies</th>
                <th className="num">Open</th>
                <th className="num">In review</th>
                <th className="num">Overdue</th>
                <th className="num">Oldest</th>
                <th className="num">SLA</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {mine.map((q) => {
                const s = data.data!.stats.get(q.id);
                const paused = q.state === 'paused';
                return (
                  <tr key={q.id} data-queue={q.id} data-state={q.state}>
                    <td>
                      <strong>{q.name}</strong> <code className="muted">{q.id}</code> {q.state !== 'active' && <Badge tone={paused ? 'danger' : 'warn'}>{q.state}</Badge>}
                    </td>
                    <td className="muted small">{q.policies.join(', ')}</td>
                    <td className="num" data-testid="queue-open">
                      {s?.open ?? 0}
                    </td>
                    <td className="num">{s?.leased ?? 0}</td>
                    <td className="num">{s?.overdue ? <Badge tone="danger">{s.overdue}</Badge> : 0}</td>
                    <td className="num">{formatDuration(s?.oldest_age_s)}</td>
                    <td className="num">{formatDuration(q.sla_minutes * 60)}</td>
                    <td className="nowrap">
                      {paused ? (
                        <span className="muted small">paused: hands out no tasks</span>
                      ) : (
                        <Link to={reviewPath(q.id)} className="btn" aria-label={`Start reviewing ${q.name}`}>
                          Start reviewing
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Panel>
      )}
    </>
  );
}
