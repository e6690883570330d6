// Data hooks: a one-off load with reload, and a poll that refreshes every few seconds without overlapping.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
}

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load(ctrl.signal).then(
      (data) => !ctrl.signal.aborted && setState({ data, loading: false }),
      (error: Error) => !ctrl.signal.aborted && setState({ error, loading: false }),
    );
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export interface Polled<T> {
  data: T | undefined;
  /** The last failure; cleared by the next success (the last good data stays shown). */
  error: Error | undefined;
  updatedAt: Date | undefined;
}

/** Calls `load` now and then `intervalMs` after each call settles; skips ticks while the tab is hidden. */
export function usePoll<T>(load: (signal: AbortSignal) => Promise<T>, intervalMs: number, deps: DependencyList): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ data: undefined, error: undefined, updatedAt: undefined });
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (!document.hidden) {
        try {
          const data = await loadRef.current(ctrl.signal);
          if (!ctrl.signal.aborted) setState({ data, error: undefined, updatedAt: new Date() });
        } catch (error) {
          if (!ctrl.signal.aborted) setState((s) => ({ ...s, error: error as Error }));
        }
      }
      if (!ctrl.signal.aborted) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [intervalMs, ...deps]);
  return state;
}
