// The signed-in session: the API key (kept in localStorage), who it belongs to, and the API client bound to it.
import { createContext, useContext } from 'react';
import type { Api } from './api';
import type { Me } from './types';

const STORAGE_KEY = 'vigil.apiKey';

export const storedKey = {
  read: (): string | null => {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  },
  write: (key: string) => localStorage.setItem(STORAGE_KEY, key),
  clear: () => localStorage.removeItem(STORAGE_KEY),
};

export interface Session {
  me: Me;
  api: Api;
  isAdmin: boolean;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}

export const useApi = (): Api => useSession().api;
