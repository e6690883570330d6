// Platform webhooks: endpoints, the outbox written with each action, the deliverer, the delivery log and
// the signature scheme receivers verify. See docs/webhooks.md.
export * from './backoff.js';
export * from './deliverer.js';
export * from './deliveries.js';
export * from './endpoints.js';
export { InvalidWebhookError } from './errors.js';
export * from './outbox.js';
export { claimDue, claimOne, recordAttempt, type AttemptResult, type ClaimedDelivery } from './queue.js';
export { attemptDelivery, bodyOf, DEFAULT_TIMEOUT_MS, type FetchLike } from './send.js';
export * from './signature.js';
