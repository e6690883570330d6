// One error shape for every endpoint: `{ error, message }`, with the status that says whose fault it is.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, NotFoundError, UnknownReferenceError } from '../catalogue/index.js';
import { EventConflictError, InvalidEventError } from '../ingest/index.js';
import { UnknownEntityError } from '../enforcement/index.js';
import { InvalidMediaError, UnsupportedMediaError } from '../media/index.js';
import { ImportError, InvalidMaterialError } from '../materials/packages/index.js';
import { InvalidLadderError, InvalidPenaltyError, InvalidStrikeError, NotRevertibleError } from '../enforcement/index.js';
import { StrategyCompileError, type SourceProblem } from '../strategies/index.js';
import { AppealRefusedError, InvalidCaseError, InvalidVerdictError, LeaseError, NoQueueError } from '../review/index.js';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function classify(err: FastifyError | Error): { status: number; code: string; message: string; problems?: SourceProblem[] } {
  if (err instanceof StrategyCompileError) return { status: 422, code: 'invalid_strategy', message: `the strategy has errors: ${err.message.split('\n')[0]}`, problems: err.problems };
  if (err instanceof NotRevertibleError) return { status: 409, code: 'not_revertible', message: err.message };
  if (err instanceof InvalidLadderError) return { status: 400, code: 'invalid_ladder', message: `body.${err.message}` };
  if (err instanceof InvalidStrikeError) return { status: 400, code: 'invalid_strike', message: err.message };
  if (err instanceof InvalidPenaltyError) return { status: 400, code: 'invalid_penalty', message: err.message };
  if (err instanceof HttpError) return { status: err.statusCode, code: err.code, message: err.message };
  if (err instanceof InvalidEventError) return { status: 400, code: 'invalid_event', message: err.message };
  if (err instanceof EventConflictError) return { status: 409, code: 'event_id_conflict', message: err.message };
  if (err instanceof UnsupportedMediaError) return { status: 415, code: 'unsupported_media_type', message: err.message };
  if (err instanceof InvalidMediaError) return { status: 400, code: 'invalid_media', message: err.message };
  if (err instanceof InvalidCaseError) return { status: 400, code: 'invalid_case', message: err.message };
  if (err instanceof InvalidMaterialError) return { status: 400, code: 'invalid_material', message: err.message };
  if (err instanceof ImportError) return { status: 400, code: 'invalid_import', message: err.message };
  if (err instanceof LeaseError) return { status: 409, code: 'lease', message: err.message };
  if (err instanceof InvalidVerdictError) return { status: 400, code: 'invalid_verdict', message: err.message };
  if (err instanceof AppealRefusedError) return { status: 400, code: 'appeal_refused', message: err.message };
  if (err instanceof NoQueueError) return { status: 422, code: 'no_queue', message: err.message };
  if (err instanceof NotFoundError) return { status: 404, code: 'not_found', message: err.message };
  if (err instanceof ConflictError) return { status: 409, code: 'conflict', message: err.message };
  if (err instanceof UnknownReferenceError || err instanceof UnknownEntityError) return { status: 422, code: 'unknown_reference', message: err.message };
  const fe = err as FastifyError;
  if (fe.validation) {
    const first = fe.validation[0];
    const where = `${fe.validationContext ?? 'request'}${first?.instancePath ? first.instancePath.replace(/\//g, '.') : ''}`;
    const extra = first?.keyword === 'additionalProperties' ? ` (${(first.params as { additionalProperty?: string }).additionalProperty})` : '';
    return { status: 400, code: 'invalid_request', message: `${where}: ${first?.message ?? fe.message}${extra}` };
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, code: 'payload_too_large', message: 'the request body is larger than 1 MiB; send at most 1,000 events and 1 MiB per batch' };
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { status: 415, code: 'unsupported_media_type', message: fe.message };
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return { status: 400, code: 'invalid_json', message: 'the body is empty; expected JSON' };
  if (fe.statusCode === 400 && (err instanceof SyntaxError || /JSON/.test(fe.message))) return { status: 400, code: 'invalid_json', message: `the body is not valid JSON: ${fe.message}` };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return { status: fe.statusCode, code: fe.code ?? 'bad_request', message: fe.message };
  return { status: 500, code: 'internal', message: 'internal error; see the server log' };
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, code, message, problems } = classify(err);
  if (status >= 500) request.log.error({ err }, 'request failed');
  return reply.status(status).send(problems ? { error: code, message, problems } : { error: code, message });
}

export const ErrorSchema = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    problems: {
      type: 'array',
      description: 'For a strategy source: every error and warning with its line and column',
      items: { type: 'object', properties: { line: { type: 'integer' }, col: { type: 'integer' }, offset: { type: 'integer' }, level: { type: 'string' }, message: { type: 'string' } } },
    },
  },
  required: ['error', 'message'],
} as const;
