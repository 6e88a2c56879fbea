// Who is signed in: /v1/me once at start and after sign-in; the CSRF token it carries goes on every write.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrf, whenSignedOut } from '../app/api.ts';
import type { Me, Role } from '../app/types.ts';

interface SessionState { me: Me | null; checking: boolean; refresh: () => Promise<void>; signOut: () => Promise<void> }
const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const refresh = useCallback(async () => {
    try {
      const m = await api<Me>('GET', '/v1/me');
      setCsrf(m.csrf_token);
      setMe(m);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
      setCsrf(null);
      setMe(null);
    } finally {
      setChecking(false);
    }
  }, []);
  const signOut = useCallback(async () => {
    try { await api('DELETE', '/v1/sessions/current'); } catch { /* already ended */ }
    setCsrf(null);
    setMe(null);
  }, []);
  useEffect(() => {
    whenSignedOut(() => { setCsrf(null); setMe(null); });
    void refresh();
  }, [refresh]);
  return <SessionContext.Provider value={{ me, checking, refresh, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Whether the signed-in role may do this; the API checks again. */
export function useCan(): { write: boolean; admin: boolean; manage: boolean; role: Role | null } {
  const role = useSession().me?.role ?? null;
  return { role, write: role !== null && role !== 'viewer', manage: role === 'admin' || role === 'manager', admin: role === 'admin' };
}
