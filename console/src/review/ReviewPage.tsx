// The moderator's loop (/review/work?queue=…): take the next task, show the item, the policy and the
// context, decide it by button or keyboard, and go straight to the next. The lease is renewed by heartbeats
// while the page is visible and counted down in the header; a lease that passed to someone else (409) says
// so and offers the next task. The page never shows why a task was raised: samples are reviewed blind.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, seg } from '../shared/api';
import { capitalize, formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import type { EntityDetail, Policy, Queue } from '../shared/types';
import { Badge, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { actorName, ContextPanels } from './ContextPanel';
import { DecisionPanel, type Decision } from './DecisionPanel';
import { ExposureMeter } from './ExposureMeter';
import { ItemPanel } from './ItemPanel';
import { isModerator, type LeaseInfo, type NextTask, type ReviewView, type VerdictRecord } from './types';
import './review.css';

type Phase =
  | { kind: 'loading' }
  | { kind: 'task'; lease: LeaseInfo; view: ReviewView }
  | { kind: 'empty' }
  | { kind: 'lost'; message: string; taskId: number }
  | { kind: 'error'; error: Error };

/** A 409 about the lease: it ended, passed to someone else, or the task was decided meanwhile. */
const isLeaseLost = (err: unknown) => err instanceof ApiError && err.status === 409 && err.code === 'lease' && /lease|already|does not exist/.test(err.message);

export function ReviewPage() {
  const { api, me } = useSession();
  const [params] = useSearchParams();
  const queue = params.get('queue') ?? undefined;
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [flash, setFlash] = useState<string>();
  const [decided, setDecided] = useState(0);
  const catalogue = useLoad(
    async (signal) => {
      const [{ policies }, { queues }] = await Promise.all([api.get<{ policies: Policy[] }>('/v1/policies', undefined, signal), api.get<{ queues: Queue[] }>('/v1/queues', undefined, signal)]);
      return { policies, queues };
    },
    [api],
  );

  const takeNext = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      const next = await api.post<NextTask | undefined>('/v1/review/next', queue ? { queue } : {});
      setPhase(next ? { kind: 'task', lease: next.lease, view: next.view } : { kind: 'empty' });
    } catch (err) {
      setPhase({ kind: 'error', error: err as Error });
    }
  }, [api, queue]);

  useEffect(() => {
    void takeNext();
  }, [takeNext]);

  const queueInfo = catalogue.data?.queues.find((q) => q.id === (phase.kind === 'task' ? phase.view.task.queue : queue));
  const title = `Review${queue ? `: ${queueInfo?.name ?? queue}` : ': all queues'}`;
  const back = (
    <Link to="/review" className="btn">
      Queues
    </Link>
  );

  if (!isModerator(me.roles)) {
    return (
      <>
        <PageHeader title="Review" actions={back} />
        <ErrorNote error="Only moderators and admins take review tasks." />
      </>
    );
  }

  const flashNote = flash && (
    <div className="notice" role="status" data-testid="review-flash">
      {flash}
    </div>
  );

  if (phase.kind === 'task' && catalogue.data) {
    return (
      <TaskScreen
        key={`${phase.lease.task_id}:${phase.lease.token}`}
        title={title}
        lease={phase.lease}
        view={phase.view}
        policies={catalogue.data.policies}
        queues={catalogue.data.queues}
        flash={flashNote}
        decided={decided}
        onDone={(message) => {
          setFlash(message);
          setDecided((n) => n + 1);
          void takeNext();
        }}
        onLost={(message) => setPhase({ kind: 'lost', message, taskId: phase.lease.task_id })}
      />
    );
  }
  return (
    <>
      <PageHeader title={title} subtitle={decided ? `${decided} decided this session` : undefined} actions={back} />
      {flashNote}
      <ExposureMeter refresh={decided} />
      <ErrorNote error={catalogue.error} title="Cannot load the policies and queues" />
      {phase.kind === 'loading' || (phase.kind === 'task' && !catalogue.data) ? (
        <Loading what="the next task" />
      ) : phase.kind === 'empty' ? (
        <Panel title="Nothing to review">
          <p data-testid="review-empty">
            No task is waiting for you{queue ? ' in this queue' : ''}. Tasks you skipped are not offered to you again, and paused queues hand out none.
          </p>
          <button type="button" className="btn btn-primary" onClick={() => void takeNext()}>
            Check again
          </button>
        </Panel>
      ) : phase.kind === 'lost' ? (
        <div className="lease-lost" role="alert" data-testid="lease-lost">
          <strong>Lease lost on task #{phase.taskId}.</strong> {capitalize(phase.message.replace(/; take the next task$/, ''))}. Nothing you chose was recorded.
          <div>
            <button type="button" className="btn btn-primary" onClick={() => void takeNext()} autoFocus>
              Take the next task
            </button>
          </div>
        </div>
      ) : phase.kind === 'error' ? (
        <>
          <ErrorNote error={phase.error} title="Cannot take a task" />
          <button type="button" className="btn" onClick={() => void takeNext()}>
            Try again
          </button>
        </>
      ) : null}
    </>
  );
}

function TaskScreen({
  title,
  lease: initialLease,
  view,
  policies,
  queues,
  flash,
  decided,
  onDone,
  onLost,
}: {
  title: string;
  lease: LeaseInfo;
  view: ReviewView;
  policies: Policy[];
  queues: Queue[];
  flash: React.ReactNode;
  decided: number;
  onDone(message: string): void;
  onLost(message: string): void;
}) {
  const { api } = useSession();
  const navigate = useNavigate();
  const { task } = view;
  const shownAt = useRef(Date.now());
  const [lease, setLease] = useState(initialLease);
  const detail = useLoad((signal) => api.get<EntityDetail>(`/v1/entities/${seg(task.entity.type)}/${seg(task.entity.id)}`, undefined, signal), [api, task.entity.type, task.entity.id]);
  const queue = queues.find((q) => q.id === task.queue);
  const onLostRef = useRef(onLost);
  onLostRef.current = onLost;

  // Heartbeats while the page is visible: a third of the lease length apart, and at once on coming back.
  const leaseMs = Math.max(30_000, new Date(initialLease.expires_at).getTime() - Date.now());
  useEffect(() => {
    let stopped = false;
    const beat = async () => {
      if (document.hidden || stopped) return;
      try {
        const renewed = await api.post<LeaseInfo>(`/v1/review/tasks/${task.id}/heartbeat`, { token: initialLease.token });
        if (!stopped) setLease(renewed);
      } catch (err) {
        if (!stopped && isLeaseLost(err)) onLostRef.current((err as Error).message);
      }
    };
    const timer = setInterval(() => void beat(), Math.min(60_000, leaseMs / 3));
    const visible = () => !document.hidden && void beat();
    document.addEventListener('visibilitychange', visible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [api, task.id, initialLease.token, leaseMs]);

  async function decide(d: Decision) {
    const path = `/v1/review/tasks/${task.id}`;
    try {
      if (d.kind === 'skip') {
        await api.post(`${path}/skip`, { token: lease.token, reason: d.reason });
        onDone(`Skipped task #${task.id}: it goes back to the queue for another moderator.`);
      } else if (d.kind === 'escalate') {
        const r = await api.post<{ queue: string }>(`${path}/escalate`, { token: lease.token, reason: d.reason });
        onDone(`Escalated task #${task.id} to ${r.queue}.`);
      } else {
        const handle_ms = Math.min(86_400_000, Math.max(0, Math.round(Date.now() - shownAt.current)));
        const body = { token: lease.token, policy: d.policy, ...(d.actions ? { actions: d.actions } : {}), ...(d.notes.trim() ? { notes: d.notes.trim() } : {}), handle_ms };
        const v = await api.post<VerdictRecord>(`${path}/verdict`, body);
        const did = v.actions.map((a) => a.action).join(', ');
        const what = v.appeal ? `appeal ${v.appeal.status}` : v.policy ? `violation of ${v.policy}` : 'no violation';
        onDone(`Decided task #${task.id}: ${what}${did ? ` (${did})` : ''}.`);
      }
    } catch (err) {
      if (isLeaseLost(err)) onLost((err as Error).message);
      else throw err;
    }
  }

  async function stop() {
    try {
      await api.post(`/v1/review/tasks/${task.id}/release`, { token: lease.token });
    } catch {
      // the lease may already be gone; it expires on its own
    }
    navigate('/review');
  }

  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          <span data-testid="task-summary">
            Task <strong>#{task.id}</strong> · {task.kind === 'appeal' ? <Badge tone="warn">appeal</Badge> : 'review'} · queue <code>{task.queue}</code> · due {formatTime(task.deadline)}
            {new Date(task.deadline).getTime() < Date.now() && (
              <>
                {' '}
                <Badge tone="danger">overdue</Badge>
              </>
            )}
            {decided > 0 && <> · {decided} decided this session</>}
          </span>
        }
        actions={
          <>
            <LeaseClock expiresAt={lease.expires_at} />
            <button type="button" className="btn" onClick={() => void stop()} title="Give the task back to its queue and go to the queue list">
              Stop reviewing
            </button>
          </>
        }
      />
      {flash}
      <div className="review-grid">
        <div className="review-main">
          {view.appeal && (
            <Panel title={`Appeal #${view.appeal.id}`} className="review-appeal">
              <blockquote className="appeal-statement" dir="auto" data-testid="appeal-statement">
                {view.appeal.statement}
              </blockquote>
              <p className="small muted">
                by {view.appeal.appellant} · {formatTime(view.appeal.at)}
              </p>
              <div className="appealed-action" data-testid="appealed-action">
                Appealed action <strong>{view.appeal.action.action}</strong> #{view.appeal.action.seq}
                {view.appeal.action.policy && <> under {view.appeal.action.policy}</>} · {view.appeal.action.source} by{' '}
                <span className="break-anywhere" title={view.appeal.action.actor}>
                  {actorName(view.appeal.action.actor)}
                </span> · {formatTime(view.appeal.action.at)}
                {view.appeal.action.reason && <div className="muted small">“{view.appeal.action.reason}”</div>}
              </div>
            </Panel>
          )}
          <ItemPanel entity={task.entity} detail={detail.data} hits={view.hits} />
          <ErrorNote error={detail.error} title="Cannot load the item" />
          <ContextPanels view={view} detail={detail.data} />
        </div>
        <div className="review-side">
          <Panel title="Policy under review" className="review-policy">
            {view.policy ? (
              <div data-testid="task-policy">
                <div className="policy-name">
                  <span className={`tier tier-${view.policy.severity_tier}`} title="severity tier">
                    {view.policy.severity_tier}
                  </span>{' '}
                  <strong>{view.policy.name}</strong> <code className="muted">{view.policy.id}</code>
                </div>
                <p className="policy-definition">{view.policy.definition}</p>
              </div>
            ) : (
              <p className="muted">No single policy: decide which one, if any, the item violates.</p>
            )}
          </Panel>
          <DecisionPanel view={view} policies={policies} queue={queue} onDecide={decide} />
          {/* Counted when the task was leased, so this task is already in it. */}
          <ExposureMeter refresh={task.id} />
        </div>
      </div>
    </>
  );
}

/** The lease's time left, ticking each second; red in its last minute. */
function LeaseClock({ expiresAt }: { expiresAt: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = (new Date(expiresAt).getTime() - now) / 1000;
  const s = Math.max(0, Math.floor(left));
  return (
    <span className={`lease-clock${left < 60 ? ' lease-low' : ''}`} data-testid="lease-clock" title={`Your lease ends at ${formatTime(expiresAt)} unless renewed; it is renewed while this page is open`}>
      Lease {left <= 0 ? 'ended' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`}
    </span>
  );
}

