// The review workforce: moderator profiles and certifications, shifts, what each can take right now,
// and their exposure meters.
export * from './schedule.js';
export * from './profiles.js';
export * from './capability.js';
export * from './accuracy.js';
