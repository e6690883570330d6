// The two ways media input is refused. Callers (the HTTP routes) map them to 415 and 400.

/** The bytes are not a kind Vigil accepts, or claim to be one but cannot be decoded. */
export class UnsupportedMediaError extends Error {
  constructor(
    /** What the bytes were found to be, e.g. "pdf document", "image/png that cannot be decoded", "unknown". */
    readonly detected: string,
    message: string,
  ) {
    super(message);
  }
}

/** The request itself is wrong: empty body, malformed hash, URL or kind. */
export class InvalidMediaError extends Error {}
