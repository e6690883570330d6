// Reading the action log newest first: GET /v1/actions with order=desc pages backwards with `before`
// (keyset paging on seq) and filters by entity, strategy and version on the server.
import type { Api } from '../shared/api';
import type { ActionRecord } from './types';

export interface ActionFilter {
  entity?: { type: string; id: string };
  strategy?: { id: string; version?: number };
}

export interface ActionPage {
  /** Newest first. */
  actions: ActionRecord[];
  /** Pass as `before` for the next (older) page; null when this page reaches the start of the log. */
  older: number | null;
}

/** The server's largest page. */
export const MAX_PAGE = 1000;

/** The newest `size` actions matching `f` with seq < `before` (or the newest of all), newest first. */
export async function newestActions(api: Api, f: ActionFilter, before: number | null, size: number, signal?: AbortSignal): Promise<ActionPage> {
  const limit = Math.min(size, MAX_PAGE - 1) + 1; // one more than shown says whether older ones exist
  const { actions } = await api.get<{ actions: ActionRecord[] }>(
    '/v1/actions',
    {
      order: 'desc',
      before: before ?? undefined,
      limit,
      entity_type: f.entity?.type,
      entity_id: f.entity?.id,
      strategy: f.strategy?.id,
      version: f.strategy?.version,
    },
    signal,
  );
  const page = actions.slice(0, limit - 1);
  return { actions: page, older: actions.length === limit ? page[page.length - 1]!.seq : null };
}
