// One appeal: the appealed action, the statement, the review task that decides it, and the outcome (with
// the reverts an overturn made, read from the action log).
import { Link, useParams } from 'react-router';
import type { ActionRecord } from '../actions/types';
import { entityPath, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Badge, Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import type { AppealRecord, AppealStatus } from './types';
import { priorityText, type PriorityParts } from './priorityText';
import './review.css';

export function AppealStatusBadge({ status }: { status: AppealStatus }) {
  return <Badge tone={status === 'open' ? 'warn' : status === 'overturned' ? 'ok' : 'danger'}>{status}</Badge>;
}

interface TaskInfo {
  id: number;
  queue: string;
  status: string;
  lease_holder: string | null;
  verdict: { moderator: string; at: string; notes: string | null; handle_ms: number | null } | null;
  priority_parts?: PriorityParts;
}

export function AppealPage() {
  const { api, me } = useSession();
  const { id = '' } = useParams();
  const analyst = me.roles.includes('admin') || me.roles.includes('analyst');
  const data = useLoad(
    async (signal) => {
      const appeal = await api.get<AppealRecord>(`/v1/appeals/${encodeURIComponent(id)}`, undefined, signal);
      const { actions } = await api.get<{ actions: ActionRecord[] }>('/v1/actions', { entity_type: appeal.entity.type, entity_id: appeal.entity.id, order: 'desc', limit: 50 }, signal);
      const task = analyst && appeal.task_id ? await api.get<TaskInfo>(`/v1/review/tasks/${appeal.task_id}`, undefined, signal).catch(() => undefined) : undefined;
      return { appeal, actions, task };
    },
    [api, id, analyst],
  );
  const back = (
    <Link to="/appeals" className="btn">
      All appeals
    </Link>
  );
  if (data.error)
    return (
      <>
        <PageHeader title={`Appeal #${id}`} actions={back} />
        <ErrorNote error={data.error} />
      </>
    );
  if (!data.data) return <Loading what="appeal" />;
  const { appeal, actions, task } = data.data;
  const action = actions.find((a) => a.seq === appeal.action_seq);
  const reverts = actions.filter((a) => a.source === 'appeal' && a.reason.includes(`appeal ${appeal.id} `));
  return (
    <>
      <PageHeader
        title={
          <>
            Appeal #{appeal.id} <AppealStatusBadge status={appeal.status} />
          </>
        }
        subtitle={
          <>
            Filed {formatTime(appeal.at)} by {appeal.appellant} about <span className="muted">{appeal.entity.type}</span> <Link to={entityPath(appeal.entity)}>{appeal.entity.id}</Link>
          </>
        }
        actions={back}
      />
      <div className="entity-grid">
        <Panel title="Statement">
          <blockquote className="appeal-statement" dir="auto" data-testid="appeal-statement">
            {appeal.statement}
          </blockquote>
        </Panel>
        <Panel title={`Appealed action #${appeal.action_seq}`}>
          {action ? (
            <div data-testid="appeal-action">
              <strong>{action.action}</strong> {action.policy && <>under {action.policy}</>}
              <div className="muted small">
                {action.source} by <span className="break-anywhere">{action.actor}</span> · {formatTime(action.at)}
              </div>
              {action.reason && <div className="small">“{action.reason}”</div>}
              {action.reverted_by && <Badge tone="ok">reverted by #{action.reverted_by}</Badge>}
            </div>
          ) : (
            <Empty>Action #{appeal.action_seq} is not among the item's latest actions.</Empty>
          )}
        </Panel>
        <Panel title="Review and outcome">
          <div data-testid="appeal-outcome">
            {appeal.status === 'open' ? (
              <p>Waiting for a moderator{task?.lease_holder ? ` (${task.lease_holder} has it)` : ''}.</p>
            ) : (
              <p>
                <strong>{appeal.status === 'overturned' ? 'Overturned' : 'Upheld'}</strong> by <span className="break-anywhere">{appeal.decided_by}</span> · {appeal.decided_at && formatTime(appeal.decided_at)}
              </p>
            )}
            {appeal.task_id && (
              <p className="small muted">
                Task #{appeal.task_id}
                {task && (
                  <>
                    {' '}
                    in <Link to={`/queues/${encodeURIComponent(task.queue)}`}>{task.queue}</Link> · {task.status}
                    {task.verdict?.notes && <> · notes: “{task.verdict.notes}”</>}
                    {priorityText(task.priority_parts) && <div data-testid="task-priority">{priorityText(task.priority_parts)}</div>}
                  </>
                )}
              </p>
            )}
            {reverts.length > 0 && (
              <ul className="small" data-testid="appeal-reverts">
                {reverts.map((r) => (
                  <li key={r.seq}>
                    #{r.seq} <strong>{r.action}</strong> {r.details.reverts !== undefined || r.reverts_seq ? `(reverts #${r.reverts_seq ?? String(r.details.reverts)})` : ''} · {r.entity.type} {r.entity.id}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Panel>
      </div>
    </>
  );
}
