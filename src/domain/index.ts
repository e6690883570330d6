// The vocabulary of Vigil: entity, event, policy, queue and role types with their schemas. Imports nothing of Vigil.
export * from './entity.js';
export * from './event.js';
export * from './policy.js';
export * from './catalogue.js';
export * from './action.js';
export * from './material.js';
export * from './strategy.js';
export * from './strike.js';
