import { useEffect } from 'react';
import { announce } from '../app/LiveRegion.js';
import type { LoadState } from './useMessageContent.js';

/** What the live region says when the reader has a message ready: who sent it and what it is about. */
export function openedText(subject: string, from: { name: string; address: string } | null): string {
  const sender = from ? from.name.trim() || from.address : 'unknown sender';
  return `Opened message from ${sender}: ${subject.trim() || '(no subject)'}`;
}

/**
 * The reader opens without taking focus (j/k keep moving through the list), so a screen reader would not
 * know what it shows: sender and subject are said once, politely, when the message is ready.
 */
export function useReaderAnnouncement(current: LoadState): void {
  const ready = current.status === 'ready' ? current.message : null;
  useEffect(() => {
    if (ready) announce(openedText(ready.subject, ready.from));
  }, [ready]);
}
