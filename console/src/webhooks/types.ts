// Shapes of the webhooks API as the console reads them (kept in step with src/server/routes/webhooks.ts by
// hand; the action kinds with src/domain/action.ts, which the console bundle does not import).

export const ACTION_KINDS = ['allow', 'block', 'remove', 'restore', 'limit_reach', 'age_gate', 'demonetize', 'interrupt', 'suspend', 'unsuspend', 'strike', 'label', 'unlabel'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  action_kinds: ActionKind[];
  enabled: boolean;
  created_at: string;
  updated_at: string;
  pending: number;
  failed: number;
}

export interface CreatedEndpoint extends WebhookEndpoint {
  /** Only in the answer to the create. */
  secret: string;
}

export interface EndpointInput {
  url: string;
  description: string;
  action_kinds: ActionKind[];
  enabled: boolean;
  secret?: string;
}

export interface WebhookDelivery {
  id: string;
  seq: number;
  endpoint_id: string;
  action_seq: number | null;
  entity: string | null;
  event_type: string;
  payload: { data?: { action?: { action?: string; policy?: string | null } } } & Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

export interface DeliveryPage {
  deliveries: WebhookDelivery[];
  next_after: number | null;
}
