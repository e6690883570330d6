// Live validation for the editor: the source is sent to POST /v1/strategies/check a moment after the
// last keystroke; an answer for an older source than the latest request is dropped.
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../shared/session';
import type { CheckResult } from './types';

export interface LiveCheck {
  result: CheckResult | undefined;
  /** The source `result` is about (problems' offsets point into it). */
  checked: string | undefined;
  pending: boolean;
  error: Error | undefined;
  /** Check now, skipping the wait (after a save was refused). */
  now(): void;
}

export function useCheck(source: string, enabled = true, delayMs = 300): LiveCheck {
  const { api } = useSession();
  const [state, setState] = useState<{ result?: CheckResult; checked?: string; error?: Error }>({});
  const [pending, setPending] = useState(false);
  const [force, setForce] = useState(0);
  const seq = useRef(0);
  const immediate = useRef(false);
  useEffect(() => {
    if (!enabled) return;
    if (!source.trim()) {
      seq.current++;
      setState({});
      setPending(false);
      return;
    }
    const mine = ++seq.current;
    const delay = immediate.current ? 0 : delayMs;
    immediate.current = false;
    setPending(true);
    const timer = setTimeout(
      () => {
        api.post<CheckResult>('/v1/strategies/check', { source }).then(
          (result) => {
            if (mine !== seq.current) return;
            setState({ result, checked: source });
            setPending(false);
          },
          (error: Error) => {
            if (mine !== seq.current) return;
            setState((s) => ({ ...s, error }));
            setPending(false);
          },
        );
      },
      delay,
    );
    return () => clearTimeout(timer);
  }, [api, source, enabled, delayMs, force]);
  return {
    result: state.result,
    checked: state.checked,
    pending,
    error: state.error,
    now: () => {
      immediate.current = true;
      setForce((f) => f + 1);
    },
  };
}
