import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setUnauthenticatedHandler } from '../api';
import type { Me } from '../types';

export interface Auth {
  /** Undefined until the session probe answers; null when nobody is logged in. */
  user: Me | null | undefined;
  /** True after an explicit logout, so the guards send to /login without remembering the page. */
  loggedOut: boolean;
  login: (login: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    return (await api.get<{ user: Me }>('/api/auth/me')).user;
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  const [loggedOut, setLoggedOut] = useState(false);

  useEffect(() => {
    let live = true;
    void fetchMe().then((me) => live && setUser(me));
    setUnauthenticatedHandler(() => setUser(null));
    return () => {
      live = false;
      setUnauthenticatedHandler(undefined);
    };
  }, []);

  const login = useCallback(async (login: string, password: string) => {
    const { user: me } = await api.post<{ user: Me }>('/api/auth/login', { login, password });
    setLoggedOut(false);
    setUser(me);
    return me;
  }, []);

  const logout = useCallback(async () => {
    // Logged out here even when the server is unreachable or the session had already ended.
    const out = await api.post<{ endSessionUrl: string | null }>('/api/auth/logout').catch(() => undefined);
    // A single sign-on session: the provider ends its own session too and sends the browser back to /login
    // (otherwise the next 统一身份认证登录 on a shared PC would let the same person in without a prompt).
    if (out?.endSessionUrl) {
      window.location.assign(out.endSessionUrl);
      return;
    }
    setLoggedOut(true);
    setUser(null);
  }, []);

  const refresh = useCallback(async () => setUser(await fetchMe()), []);

  const value = useMemo<Auth>(() => ({ user, loggedOut, login, logout, refresh }), [user, loggedOut, login, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The logged-in user, for components rendered behind a guard. */
export function useMe(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('useMe without a logged-in user');
  return user;
}
