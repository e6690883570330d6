// The webhooks page (admins): the platform endpoints enforcement actions are sent to, a form to add one
// (its secret shown once, right after), test pings, and the delivery log below.
import { useState } from 'react';
import { formatTime } from '../shared/format';
import { usePoll } from '../shared/hooks';
import { useSession } from '../shared/session';
import { Empty, ErrorNote, Loading, PageHeader, Panel } from '../shared/ui';
import { DeliveryLog } from './DeliveryLog';
import { EndpointForm } from './EndpointForm';
import { EndpointTable } from './EndpointTable';
import type { CreatedEndpoint, EndpointInput, WebhookDelivery, WebhookEndpoint } from './types';

const REFRESH_MS = 3000;

function PingResult({ delivery, onDismiss }: { delivery: WebhookDelivery; onDismiss(): void }) {
  const ok = delivery.status === 'delivered';
  return (
    <div className={ok ? 'notice' : 'error-note'} role="status" data-testid="ping-result">
      Test ping to <code>{delivery.endpoint_id}</code> at {formatTime(delivery.created_at)}:{' '}
      {ok ? `delivered (HTTP ${delivery.last_status_code})` : `failed: ${delivery.last_error ?? 'no answer'}`}{' '}
      <button type="button" className="btn-link" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

export function WebhooksPage() {
  const { api, isAdmin, me } = useSession();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedEndpoint>();
  const [ping, setPing] = useState<WebhookDelivery>();
  const [actionError, setActionError] = useState<Error>();
  // Bumped after every change here, so both lists reload at once instead of at their next refresh.
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const list = usePoll((signal) => (isAdmin ? api.get<{ endpoints: WebhookEndpoint[] }>('/v1/webhooks', undefined, signal) : Promise.resolve({ endpoints: [] })), REFRESH_MS, [api, isAdmin, version]);

  async function create(draft: EndpointInput) {
    const endpoint = await api.post<CreatedEndpoint>('/v1/webhooks', draft);
    setCreated(endpoint);
    setCreating(false);
    bump();
  }

  const header = (
    <PageHeader
      title="Webhooks"
      subtitle="Every enforcement action is POSTed to the platform's endpoints, signed with HMAC-SHA256, retried with backoff until it is answered 2xx."
      actions={
        isAdmin &&
        !creating && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            New endpoint
          </button>
        )
      }
    />
  );
  if (!isAdmin) {
    return (
      <>
        {header}
        <Empty>{`Webhooks are managed by admins; the key "${me.name}" has ${me.roles.join(', ') || 'no roles'}.`}</Empty>
      </>
    );
  }

  const endpoints = list.data?.endpoints;
  return (
    <>
      {header}
      {creating && (
        <Panel title="New endpoint" className="form-narrow">
          <EndpointForm onSave={create} onCancel={() => setCreating(false)} />
        </Panel>
      )}
      {created && (
        <div className="notice" role="status" data-testid="new-secret">
          <strong>Endpoint {created.id} created.</strong> Its signing secret is shown this once; copy it into the platform now:{' '}
          <code className="break-anywhere" data-testid="secret-value">
            {created.secret}
          </code>{' '}
          <button type="button" className="btn-link" onClick={() => setCreated(undefined)}>
            I have copied it
          </button>
        </div>
      )}
      {ping && <PingResult delivery={ping} onDismiss={() => setPing(undefined)} />}
      <ErrorNote error={actionError} title="Not done" />
      <Panel title="Endpoints">
        <ErrorNote error={list.error} />
        {!endpoints ? (
          <Loading what="endpoints" />
        ) : endpoints.length === 0 ? (
          <Empty>No endpoints yet: add the platform’s webhook URL to start sending actions.</Empty>
        ) : (
          <EndpointTable
            endpoints={endpoints}
            onChanged={bump}
            onPinged={(d) => {
              setActionError(undefined);
              setPing(d);
            }}
            onError={setActionError}
          />
        )}
      </Panel>
      <Panel title="Delivery log">
        <DeliveryLog
          endpoints={endpoints ?? []}
          version={version}
          onRetried={(id) => {
            // The ping's outcome shown above is no longer its latest.
            if (ping?.id === id) setPing(undefined);
            bump();
          }}
        />
      </Panel>
    </>
  );
}
