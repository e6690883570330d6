// Alerts change in one place (an acknowledgement on the guardrails page) and are counted in another (the
// nav badge): a window event tells every listener to read them again now instead of at its next poll.
import { useEffect, useState } from 'react';

const EVENT = 'vigil:alerts-changed';

export const announceAlertsChanged = () => window.dispatchEvent(new Event(EVENT));

/** A number that grows with each announcement, for a poll's dependencies. */
export function useAlertsChanged(): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const bump = () => setN((x) => x + 1);
    window.addEventListener(EVENT, bump);
    return () => window.removeEventListener(EVENT, bump);
  }, []);
  return n;
}
