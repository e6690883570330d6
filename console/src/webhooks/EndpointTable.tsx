// The endpoints: where each sends, which action kinds, whether it is enabled, and how many deliveries wait
// or were given up on; per endpoint a test ping, enable/disable, and delete (with its delivery log).
import { useState } from 'react';
import { seg } from '../shared/api';
import { ConfirmButton } from '../shared/form';
import { formatCount, formatTime } from '../shared/format';
import { useSession } from '../shared/session';
import { Badge } from '../shared/ui';
import type { WebhookDelivery, WebhookEndpoint } from './types';

export function EndpointTable({ endpoints, onChanged, onPinged, onError }: { endpoints: WebhookEndpoint[]; onChanged(): void; onPinged(delivery: WebhookDelivery): void; onError(err: Error): void }) {
  const { api } = useSession();
  const [busy, setBusy] = useState<string>();

  async function run(id: string, work: () => Promise<void>) {
    setBusy(id);
    try {
      await work();
    } catch (err) {
      onError(err as Error);
    } finally {
      setBusy(undefined);
      onChanged();
    }
  }
  const path = (ep: WebhookEndpoint) => `/v1/webhooks/${seg(ep.id)}`;

  return (
    <table className="table" data-testid="endpoint-list">
      <thead>
        <tr>
          <th>Id</th>
          <th>URL</th>
          <th>Action kinds</th>
          <th>State</th>
          <th className="num">Pending</th>
          <th className="num">Failed</th>
          <th>Created</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {endpoints.map((ep) => (
          <tr key={ep.id} data-endpoint-id={ep.id} className={ep.enabled ? undefined : 'archived'}>
            <td className="nowrap">
              <code>{ep.id}</code>
            </td>
            <td className="break-anywhere">
              {ep.url}
              {ep.description && <div className="muted small">{ep.description}</div>}
            </td>
            <td>{ep.action_kinds.length ? ep.action_kinds.map((k) => <span key={k} className="chip">{k}</span>) : <span className="muted">every kind</span>}</td>
            <td>{ep.enabled ? <Badge tone="ok">enabled</Badge> : <Badge>disabled</Badge>}</td>
            <td className="num">{formatCount(ep.pending)}</td>
            <td className="num">{ep.failed ? <Badge tone="danger">{formatCount(ep.failed)}</Badge> : 0}</td>
            <td className="nowrap" title={`updated ${formatTime(ep.updated_at)}`}>
              {formatTime(ep.created_at)}
            </td>
            <td className="nowrap">
              <span className="toolbar-inline">
                <button type="button" className="btn" disabled={busy === ep.id} onClick={() => run(ep.id, async () => onPinged(await api.post<WebhookDelivery>(`${path(ep)}/test`, {})))}>
                  Send test
                </button>
                <button type="button" className="btn" disabled={busy === ep.id} onClick={() => run(ep.id, async () => void (await api.put(path(ep), { url: ep.url, description: ep.description, action_kinds: ep.action_kinds, enabled: !ep.enabled })))}>
                  {ep.enabled ? 'Disable' : 'Enable'}
                </button>
                <ConfirmButton label="Delete" confirmLabel="Delete endpoint and its log" busy={busy === ep.id} onConfirm={() => run(ep.id, async () => void (await api.del(path(ep))))} />
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
