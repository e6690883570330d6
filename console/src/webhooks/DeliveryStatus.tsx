// A delivery's state in words: delivered, failed (given up; retry it), queued (not tried yet) or retrying.
import { Badge } from '../shared/ui';
import type { WebhookDelivery } from './types';

export function DeliveryStatus({ delivery }: { delivery: WebhookDelivery }) {
  if (delivery.status === 'delivered') return <Badge tone="ok">delivered</Badge>;
  if (delivery.status === 'failed') return <Badge tone="danger">failed</Badge>;
  return <Badge tone="warn">{delivery.attempts === 0 ? 'queued' : 'retrying'}</Badge>;
}
