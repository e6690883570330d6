// Vigil's enforcement actions as the platform reads them back: the simulator polls an ActionSource
// and changes its world accordingly (removed content stops gaining views, an interrupted stream ends,
// a suspended account stops posting). The HTTP source reads `GET /v1/actions?after=<seq>&limit=1000`.
import type { EntityType } from '../domain/index.js';

export interface PlatformAction {
  /** Increasing position in Vigil's action log; the next poll asks for actions after it. */
  seq: number;
  /** When Vigil acted, by Vigil's clock. */
  at: string;
  entity: { type: EntityType | string; id: string };
  action: 'remove' | 'limit_reach' | 'age_gate' | 'demonetize' | 'interrupt' | 'suspend' | 'restore' | 'unsuspend' | (string & {});
  policy?: string | null;
}

export interface ActionSource {
  /** Actions not returned by an earlier poll, in seq order; [] when there are none (or Vigil is unreachable). */
  poll(): Promise<PlatformAction[]>;
}

/** Actions pushed by code in the same process (tests, an in-process demo). */
export function queueActionSource(): ActionSource & { push(...actions: Omit<PlatformAction, 'seq'>[]): void } {
  let pending: PlatformAction[] = [];
  let seq = 0;
  return {
    push(...actions) {
      for (const a of actions) pending.push({ ...a, seq: ++seq });
    },
    async poll() {
      const out = pending;
      pending = [];
      return out;
    },
  };
}

export interface HttpActionSourceOptions {
  baseUrl: string;
  apiKey: string;
  /** Start after this seq (0 reads the whole log). */
  after?: number;
  pageSize?: number;
  /** Pages read per poll at most, so one poll cannot stall a run. */
  maxPagesPerPoll?: number;
  fetch?: typeof fetch;
  /** Told when a poll fails; the next poll tries again from the same seq. */
  onError?: (error: Error) => void;
}

function isPlatformAction(value: unknown): value is PlatformAction {
  const a = value as PlatformAction;
  return !!a && typeof a.seq === 'number' && typeof a.at === 'string' && typeof a.action === 'string' && !!a.entity && typeof a.entity.id === 'string' && typeof a.entity.type === 'string';
}

export function httpActionSource(options: HttpActionSourceOptions): ActionSource & { readonly after: number } {
  const doFetch = options.fetch ?? fetch;
  const pageSize = options.pageSize ?? 1000;
  const maxPages = options.maxPagesPerPoll ?? 10;
  let after = options.after ?? 0;
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    get after() {
      return after;
    },
    async poll() {
      const out: PlatformAction[] = [];
      try {
        for (let page = 0; page < maxPages; page++) {
          const response = await doFetch(`${base}/v1/actions?after=${after}&limit=${pageSize}`, { headers: { authorization: `Bearer ${options.apiKey}` } });
          if (!response.ok) throw new Error(`GET /v1/actions answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
          const body = (await response.json()) as { actions?: unknown };
          if (!Array.isArray(body.actions)) throw new Error('GET /v1/actions answered without an actions array');
          const actions = body.actions.filter(isPlatformAction).sort((a, b) => a.seq - b.seq);
          for (const action of actions) {
            if (action.seq <= after) continue;
            out.push(action);
            after = action.seq;
          }
          if (body.actions.length < pageSize) break;
        }
      } catch (err) {
        options.onError?.(err instanceof Error ? err : new Error(String(err)));
      }
      return out;
    },
  };
}
