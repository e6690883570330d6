// Validation at the edge: every event of a batch is checked against its type's schema, and the first
// problem is reported with the event's index, id and the exact field, so a sender can fix it.
import { TypeCompiler, ValueErrorType, type TypeCheck } from '@sinclair/typebox/compiler';
import { FormatRegistry, type TObject } from '@sinclair/typebox';
import { EVENT_SCHEMAS, EVENT_TYPES, isEventType, type EventType, type VigilEvent } from '../domain/index.js';

export const MAX_BATCH_EVENTS = 1000;
export const MAX_BATCH_BYTES = 1024 * 1024;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v)));

const checkers = new Map<EventType, TypeCheck<TObject>>(EVENT_TYPES.map((t) => [t, TypeCompiler.Compile(EVENT_SCHEMAS[t] as TObject)]));

export class InvalidEventError extends Error {
  constructor(
    readonly index: number,
    readonly eventId: string | undefined,
    readonly field: string,
    readonly problem: string,
  ) {
    super(index < 0 ? `${field}: ${problem}` : `event ${index}${eventId ? ` (id ${JSON.stringify(eventId)})` : ''}: ${field ? `field ${field}: ` : ''}${problem}`);
    this.name = 'InvalidEventError';
  }
}

/** "/content/media/0/sha256" -> "content.media[0].sha256" */
function fieldName(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : `${i ? '.' : ''}${p.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('');
}

function describeProblem(error: { message: string; value: unknown }): string {
  if (error.value === undefined) return 'is required';
  return error.message.charAt(0).toLowerCase() + error.message.slice(1);
}

/** Validates one event; throws InvalidEventError naming the index and field. */
export function validateEvent(raw: unknown, index: number): VigilEvent {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new InvalidEventError(index, undefined, '', 'expected a JSON object');
  const obj = raw as Record<string, unknown>;
  const id = typeof obj.id === 'string' ? obj.id : undefined;
  if (obj.type === undefined) throw new InvalidEventError(index, id, 'type', 'is required');
  if (!isEventType(obj.type)) {
    throw new InvalidEventError(index, id, 'type', `unknown event type ${JSON.stringify(obj.type)}; known types: ${EVENT_TYPES.join(', ')}`);
  }
  const checker = checkers.get(obj.type)!;
  if (checker.Check(raw)) return raw as VigilEvent;
  const first = checker.Errors(raw).First()!;
  const path = first.path;
  if (first.type === ValueErrorType.ObjectAdditionalProperties) {
    const allowed = Object.keys((first.schema as TObject).properties ?? {});
    throw new InvalidEventError(index, id, fieldName(path), `is not a field here; allowed: ${allowed.join(', ')}`);
  }
  throw new InvalidEventError(index, id, fieldName(path), describeProblem(first));
}

/** Validates the request body of POST /v1/events. */
export function validateBatch(body: unknown): VigilEvent[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('events' in body)) {
    throw new InvalidEventError(-1, undefined, 'events', 'the body must be a JSON object with an "events" array');
  }
  const events = (body as { events: unknown }).events;
  if (!Array.isArray(events)) throw new InvalidEventError(-1, undefined, 'events', 'must be an array');
  if (events.length === 0) throw new InvalidEventError(-1, undefined, 'events', 'must hold at least one event');
  if (events.length > MAX_BATCH_EVENTS) throw new InvalidEventError(-1, undefined, 'events', `holds ${events.length} events; the limit is ${MAX_BATCH_EVENTS} per batch`);
  return events.map((e, i) => validateEvent(e, i));
}
