// HTTP client for the Vigil API: sends the API key as a Bearer token, turns `{ error, message }` replies
// into ApiError, and reports any 401 so the console can return to sign-in.
import type { Me } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface Api {
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
  /** Binary resources (media thumbnails), for object URLs. */
  blob(path: string, signal?: AbortSignal): Promise<Blob>;
  /** A body sent as it is (an import file, image bytes) with its own content type; the answer is JSON. */
  postRaw<T>(path: string, body: Blob | string, contentType: string): Promise<T>;
}

/** A body that is not JSON: sent untouched with this content type (a class, so no JSON body is mistaken for one). */
class RawBody {
  constructor(
    readonly raw: Blob | string,
    readonly contentType: string,
  ) {}
}
const isRaw = (body: unknown): body is RawBody => body instanceof RawBody;

/** Path segments from user data (entity ids) must be escaped. */
export const seg = (s: string) => encodeURIComponent(s);

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = `${res.status} ${res.statusText}`.trim();
  try {
    const body = (await res.json()) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') code = body.error;
    if (typeof body.message === 'string' && body.message) message = body.message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, code, message);
}

async function request(key: string, method: string, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
  if (isRaw(body)) headers['Content-Type'] = body.contentType;
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await fetch(path, { method, headers, body: isRaw(body) ? body.raw : body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'cannot reach the Vigil server');
  }
}

export function createApi(key: string, onUnauthorized: (message: string) => void): Api {
  async function send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const res = await request(key, method, path, body, signal);
    if (res.ok) return res;
    const err = await errorFrom(res);
    if (res.status === 401) onUnauthorized(err.message);
    throw err;
  }
  // 204 No Content ("no task to give") reads as undefined.
  const json = async <T,>(res: Response) => (res.status === 204 ? undefined : await res.json()) as T;
  return {
    get: async (path, query, signal) => json(await send('GET', withQuery(path, query), undefined, signal)),
    post: async (path, body) => json(await send('POST', path, body)),
    put: async (path, body) => json(await send('PUT', path, body)),
    patch: async (path, body) => json(await send('PATCH', path, body)),
    del: async (path) => json(await send('DELETE', path)),
    blob: async (path, signal) => (await send('GET', path, undefined, signal)).blob(),
    postRaw: async (path, raw, contentType) => json(await send('POST', path, new RawBody(raw, contentType))),
  };
}

/** Validates a key at sign-in; a 401 here is a wrong key, not an expired session. */
export async function fetchMe(key: string): Promise<Me> {
  const res = await request(key, 'GET', '/v1/me', undefined);
  if (!res.ok) throw await errorFrom(res);
  return (await res.json()) as Me;
}
