// Errors the catalogue raises; the server maps them to 404 and 409/422.
import { isUniqueViolation } from '../store/types.js';
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
export class UnknownReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownReferenceError';
  }
}

/** Runs a create; a concurrent create of the same id that committed first surfaces as ConflictError. */
export async function createOnce<T>(what: string, create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`${what} already exists`);
    throw err;
  }
}
