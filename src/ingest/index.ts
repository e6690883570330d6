// Event intake: validation at the edge, idempotent storage of batches, entity upserts, hand-off to the bus,
// and the event-stats consumer behind the overview's live counts.
export { validateBatch, validateEvent, InvalidEventError, MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from './validate.js';
export { ingestBatch, EventConflictError, EVENTS_TOPIC, type EventMessage, type IngestResult, type IngestDeps } from './ingest.js';
export { createLanguageDetector, type LanguageDetector } from './language.js';
export { startEventStats, readEventStats, EVENT_STATS_CONSUMER, type EventStatsView } from './event-stats.js';
export { bodyHash, canonicalJson } from './canonical-json.js';
export { VigilClient, HttpRejectedError, requestUntilAnswered, type BatchOutcome, type HttpTransportOptions } from './http-client.js';
export { sendNdjsonFile, uploadMediaBeside, NdjsonLineError, type NdjsonProgress, type RejectedBatch } from './ndjson.js';
