import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  readonly data: T | undefined;
  /** True from the render in which `key` changes until its answer arrives. */
  readonly loading: boolean;
  readonly error: Error | undefined;
  readonly reload: () => void;
}

/** Loads data when `key` changes; the latest request wins, older answers are dropped. */
export function useLoad<T>(load: () => Promise<T>, key: unknown = ''): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; loading: boolean; error: Error | undefined; key: string | undefined }>({ data: undefined, loading: true, error: undefined, key: undefined });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyText = JSON.stringify(key);

  useEffect(() => {
    const n = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => n === latest.current && setState({ data, loading: false, error: undefined, key: keyText }),
      (error: unknown) => n === latest.current && setState((s) => ({ data: s.data, loading: false, error: error instanceof Error ? error : new Error(String(error)), key: keyText })),
    );
  }, [keyText, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  // The data of another key is still shown, but it is not this key's answer yet.
  return { data: state.data, error: state.error, loading: state.loading || state.key !== keyText, reload };
}
