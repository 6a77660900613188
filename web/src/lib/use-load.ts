import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly loading: boolean;
  readonly error: Error | undefined;
  readonly reload: () => void;
}

/** Loads data when `key` changes; the latest request wins, older answers are dropped. */
export function useLoad<T>(load: () => Promise<T>, key: unknown = ''): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; loading: boolean; error: Error | undefined }>({ data: undefined, loading: true, error: undefined });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyText = JSON.stringify(key);

  useEffect(() => {
    const n = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => n === latest.current && setState({ data, loading: false, error: undefined }),
      (error: unknown) => n === latest.current && setState((s) => ({ data: s.data, loading: false, error: error instanceof Error ? error : new Error(String(error)) })),
    );
  }, [keyText, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
