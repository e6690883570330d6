// Guardrails on automation: daily caps, auto-pause of a strategy that misfires after an edit, per-entity
// snoozes, and the alerts they raise. (Expiry of emergency strategies is part of the language: `expires`.)
export * from './settings.js';
export * from './caps.js';
export * from './auto-pause.js';
export * from './alerts.js';
export * from './snooze.js';
