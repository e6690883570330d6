// Test support: checks events against Vigil's own event schemas, compiled with TypeBox as the
// ingest edge does, with RFC 3339 date-times enforced.
import { FormatRegistry, type TObject } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { EVENT_SCHEMAS, type EventType } from '../../domain/index.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v)));

const checkers = new Map<string, TypeCheck<TObject>>();

/** The first problem with `event`, or undefined when it is valid. */
export function eventProblem(event: unknown): string | undefined {
  const type = (event as { type?: unknown }).type;
  if (typeof type !== 'string' || !(type in EVENT_SCHEMAS)) return `unknown type ${String(type)}`;
  let checker = checkers.get(type);
  if (!checker) {
    checker = TypeCompiler.Compile(EVENT_SCHEMAS[type as EventType] as TObject);
    checkers.set(type, checker);
  }
  if (checker.Check(event)) return undefined;
  const first = checker.Errors(event).First();
  return `${type} ${(event as { id?: string }).id}: ${first?.path} ${first?.message}`;
}
