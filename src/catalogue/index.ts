// The policy catalogue and review-queue registry: admin-edited data every other capability refers to by id.
export * from './errors.js';
export * from './policies.js';
export * from './queues.js';
export { seedDefaultCatalogue } from './seed.js';
