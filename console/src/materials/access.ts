// Who may change materials: the server lets admins and analysts edit packages (analysts maintain the
// lists every day); everyone else reads. The console hides what the server would refuse.
import { useSession } from '../shared/session';
import { useLoad } from '../shared/hooks';
import type { Policy } from '../shared/types';

const WRITERS = ['admin', 'analyst'];

export function useCanEditMaterials(): boolean {
  const { me } = useSession();
  return me.roles.some((r) => WRITERS.includes(r));
}

/** The active policy catalogue, for the policy pickers and to name a hit's policy. */
export function usePolicies() {
  const { api } = useSession();
  return useLoad((signal) => api.get<{ policies: Policy[] }>('/v1/policies', undefined, signal).then((r) => r.policies), [api]);
}

/** Where a package's pages live in the console. */
export const packagePath = (id: string, tab = '') => `/materials/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`;
export const materialPath = (packageId: string, materialId: number) => `${packagePath(packageId)}/m/${materialId}`;
