import { useEffect, useRef, useState } from 'react';

/**
 * One polite live region for what Glance says without moving focus: new mail, the result of an action
 * ("Archived"), the message the reader opened. Everything goes through `announce`, so each thing is said
 * once, by one region, not by several competing ones. Each announcement is its own node (an addition is
 * what screen readers read), so the same words twice in a row are read twice.
 */
type Listener = (text: string) => void;
const listeners = new Set<Listener>();

/** How long an announcement stays in the region: long enough to be read, then it leaves the DOM. */
const KEEP_MS = 8000;

export function announce(text: string): void {
  const trimmed = text.trim();
  if (trimmed === '') return;
  for (const listener of listeners) listener(trimmed);
}

export function LiveRegion() {
  const [entries, setEntries] = useState<Array<{ id: number; text: string }>>([]);
  const nextId = useRef(0);
  useEffect(() => {
    const timers = new Set<number>();
    const listener: Listener = (text) => {
      const id = ++nextId.current;
      setEntries((current) => [...current.slice(-4), { id, text }]);
      const timer = window.setTimeout(() => {
        timers.delete(timer);
        setEntries((current) => current.filter((entry) => entry.id !== id));
      }, KEEP_MS);
      timers.add(timer);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      for (const timer of timers) window.clearTimeout(timer);
    };
  }, []);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="live-region">
      {entries.map((entry) => (
        <p key={entry.id}>{entry.text}</p>
      ))}
    </div>
  );
}
