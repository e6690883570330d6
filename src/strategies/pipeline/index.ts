// The decision pipeline: events in ingest order through counters and strategies to decisions and actions.
export { startDecisionPipeline, decideBatch, DECISIONS_GROUP, type DecisionPipeline, type PipelineDeps } from './consumer.js';
export { openPipelineCounters, replayCounters } from './counters.js';
export { decideNow } from './decide-now.js';
export { loadBatchContext, type BatchContext } from './contexts.js';
export { planCounterOps, counterValues, decideEvent, inRollout, type Decision, type PipelineEvent, type PlannedAction } from './evaluate.js';
