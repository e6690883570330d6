// The workforce page (/workforce): who reviews, in which languages, for which policies, with how much
// room, and how much of each harm category a shift may show them. Admins keep the profiles and the
// certifications here and can run the router's round on demand to see it place the waiting tasks.
import { useState } from 'react';
// The router's own rule, so the page never disagrees with it about who is on shift.
import { onShift } from '../../../src/review/workforce/schedule';
import { seg } from '../shared/api';
import { formatTime } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Badge, Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { CertificationForm } from './CertificationForm';
import { ProfileForm } from './ProfileForm';
import { daysText, isExpired, type AssignmentRound, type KeyInfo, type ModeratorProfile } from './types';
import './workforce.css';

export function WorkforcePage() {
  const { api, isAdmin } = useSession();
  const list = useLoad((signal) => api.get<{ moderators: ModeratorProfile[] }>('/v1/moderators', undefined, signal), [api]);
  // Only admins may list keys; the profile form picks the moderator's key from them.
  const keys = useLoad((signal) => (isAdmin ? api.get<{ keys: KeyInfo[] }>('/v1/keys', undefined, signal) : Promise.resolve({ keys: [] })), [api, isAdmin]);
  const policies = useLoad((signal) => api.get<{ policies: { id: string; name: string; archived?: boolean }[] }>('/v1/policies', undefined, signal), [api]);
  const [editing, setEditing] = useState<ModeratorProfile | 'new'>();
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<Error>();
  const [round, setRound] = useState<AssignmentRound>();
  const [running, setRunning] = useState(false);
  const moderators = list.data?.moderators ?? [];

  async function runRound() {
    setRunning(true);
    setActionError(undefined);
    try {
      setRound(await api.post<AssignmentRound>('/v1/review/assign', {}));
    } catch (err) {
      setActionError(err as Error);
    } finally {
      setRunning(false);
    }
  }

  async function revoke(m: ModeratorProfile, policy: string) {
    setActionError(undefined);
    try {
      await api.del(`/v1/moderators/${seg(m.id)}/certifications/${seg(policy)}`);
      setNotice(`Revoked ${policy} from ${m.display_name || m.id}.`);
      list.reload();
    } catch (err) {
      setActionError(err as Error);
    }
  }

  return (
    <div className="page" data-testid="workforce-page">
      <PageHeader
        title="Workforce"
        subtitle="Moderators' languages, certifications, capacity and exposure budgets: what the router matches tasks against"
        actions={
          isAdmin && (
            <>
              <button type="button" className="btn" onClick={() => void runRound()} disabled={running} title="The router runs a round every few seconds on its own; this runs one now">
                Run a round now
              </button>
              <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
                Add a moderator
              </button>
            </>
          )
        }
      />
      {round && (
        <div className="notice" role="status" data-testid="round-result">
          {round.ran ? (
            <>
              Round ran: {round.reserved} of {round.waiting} waiting task{round.waiting === 1 ? '' : 's'} reserved for {round.moderators} moderator{round.moderators === 1 ? '' : 's'} on shift ({round.solve_ms.toFixed(1)} ms to solve).
            </>
          ) : (
            <>The round did not run: another one was in progress. {round.waiting} tasks waiting.</>
          )}
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
      <ErrorNote error={actionError} />

      {isAdmin && editing && (
        <Panel title={editing === 'new' ? 'New moderator profile' : `Edit ${editing.display_name || editing.id}`}>
          <ErrorNote title="Keys not loaded" error={keys.error} />
          <ProfileForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? undefined : editing}
            keys={keys.data?.keys ?? []}
            onCancel={() => setEditing(undefined)}
            onSaved={(p) => {
              setEditing(undefined);
              setNotice(`Saved the profile of ${p.display_name || p.id}.`);
              list.reload();
            }}
          />
        </Panel>
      )}

      <Panel title="Moderators" extra={<span className="muted small">{moderators.length} profile{moderators.length === 1 ? '' : 's'}</span>}>
        <ErrorNote error={list.error} />
        {!list.data ? (
          <Loading />
        ) : moderators.length === 0 ? (
          <Empty>No moderator profiles yet. Moderators without one take any task from the top of their queues.</Empty>
        ) : (
          <table className="table small workforce-table" data-testid="moderators">
            <thead>
              <tr>
                <th>Moderator</th>
                <th>Languages</th>
                <th className="num">Capacity</th>
                <th>Certifications</th>
                <th>Exposure budgets</th>
                <th>Schedule (UTC)</th>
                {isAdmin && <th />}
              </tr>
            </thead>
            <tbody>
              {moderators.map((m) => (
                <tr key={m.id} data-moderator={m.id} className={m.active ? undefined : 'inactive'}>
                  <td>
                    <strong>{m.display_name || m.id}</strong>{' '}
                    {!m.active ? <Badge tone="warn">inactive</Badge> : onShift(m.schedule, new Date()) ? <Badge tone="ok">on shift</Badge> : <Badge>off shift</Badge>}
                    <div className="muted break-anywhere">
                      <code>{m.id}</code>
                    </div>
                  </td>
                  <td>
                    {Object.entries(m.languages).map(([code, level]) => (
                      <div key={code}>
                        <code>{code}</code> {level}
                      </div>
                    ))}
                  </td>
                  <td className="num">{m.capacity}</td>
                  <td data-testid="certifications">
                    {m.certifications.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      m.certifications.map((c) => (
                        <div key={c.policy} className="cert" title={`granted by ${c.granted_by}`}>
                          <strong>{c.policy}</strong>{' '}
                          {c.expires_at === null ? (
                            <span className="muted">no expiry</span>
                          ) : isExpired(c) ? (
                            <Badge tone="danger">expired {formatTime(c.expires_at)}</Badge>
                          ) : (
                            <span className="muted">until {formatTime(c.expires_at)}</span>
                          )}
                          {isAdmin && (
                            <button type="button" className="btn-link" onClick={() => void revoke(m, c.policy)} aria-label={`Revoke ${c.policy} from ${m.display_name || m.id}`}>
                              revoke
                            </button>
                          )}
                        </div>
                      ))
                    )}
                  </td>
                  <td>
                    {Object.keys(m.exposure_budgets).length === 0 ? (
                      <span className="muted">no limits</span>
                    ) : (
                      Object.entries(m.exposure_budgets).map(([category, n]) => (
                        <div key={category}>
                          {category}: {n} / {m.shift_hours} h
                        </div>
                      ))
                    )}
                  </td>
                  <td>
                    {m.schedule.length === 0 ? (
                      <span className="muted">always on shift</span>
                    ) : (
                      m.schedule.map((w, i) => (
                        <div key={i}>
                          {daysText(w.days)} {w.start}–{w.end}
                        </div>
                      ))
                    )}
                  </td>
                  {isAdmin && (
                    <td>
                      <button type="button" className="btn" onClick={() => setEditing(m)} aria-label={`Edit ${m.display_name || m.id}`}>
                        Edit
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>

      {isAdmin && moderators.length > 0 && (
        <Panel title="Grant a certification" extra={<span className="muted small">a moderator with a profile is offered only tasks of the policies they hold an unexpired certification for</span>}>
          <ErrorNote title="Policies not loaded" error={policies.error} />
          <CertificationForm
            moderators={moderators}
            policies={(policies.data?.policies ?? []).filter((p) => !p.archived)}
            onDone={(text) => {
              setNotice(text);
              list.reload();
            }}
          />
        </Panel>
      )}
    </div>
  );
}
