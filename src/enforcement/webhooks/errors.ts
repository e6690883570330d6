// Errors of the webhooks capability. Not-found and conflict reuse the catalogue's classes, which the
// server already answers with 404 and 409; a refused input is InvalidWebhookError (the routes answer 400).
export { ConflictError, NotFoundError } from '../../catalogue/index.js';

export class InvalidWebhookError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidWebhookError';
  }
}
