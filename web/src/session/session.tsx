import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { session as sessionApi } from '../api/admin.ts';
import { ApiError, onUnauthorized } from '../api/http.ts';
import type { Operator } from '../api/types.ts';

interface Session {
  readonly operator: Operator;
  readonly isAdmin: boolean;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** The signed-in operator, for pages that show or hide admin-only actions. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside of a signed-in page');
  return s;
}

type State = { kind: 'loading' } | { kind: 'signedOut' } | { kind: 'signedIn'; operator: Operator } | { kind: 'failed'; message: string };

interface Props {
  readonly signIn: (onSignedIn: (operator: Operator) => void) => ReactNode;
  readonly loading: ReactNode;
  readonly failed: (message: string, retry: () => void) => ReactNode;
  readonly children: ReactNode;
}

/** Asks the API who is signed in; shows the sign-in page on 401, the app otherwise. */
export function SessionGate({ signIn, loading, failed, children }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const check = useCallback(() => {
    setState({ kind: 'loading' });
    sessionApi.me().then(
      ({ operator }) => setState({ kind: 'signedIn', operator }),
      (err: unknown) => setState(err instanceof ApiError && err.status === 401 ? { kind: 'signedOut' } : { kind: 'failed', message: err instanceof Error ? err.message : String(err) }),
    );
  }, []);

  useEffect(check, [check]);
  useEffect(() => onUnauthorized(() => setState({ kind: 'signedOut' })), []);

  const signOut = useCallback(async () => {
    await sessionApi.signOut().catch(() => undefined);
    setState({ kind: 'signedOut' });
  }, []);

  const value = useMemo<Session | undefined>(
    () => (state.kind === 'signedIn' ? { operator: state.operator, isAdmin: state.operator.role === 'admin', signOut } : undefined),
    [state, signOut],
  );

  switch (state.kind) {
    case 'loading':
      return loading;
    case 'signedOut':
      return signIn((operator) => setState({ kind: 'signedIn', operator }));
    case 'failed':
      return failed(state.message, check);
    case 'signedIn':
      return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
  }
}
