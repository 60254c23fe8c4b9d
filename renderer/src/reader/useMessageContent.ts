import { useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../electron/shared/ipc-contract.js';
import { GlanceCallError, asIpcError, unwrap } from '../shared/errors.js';
import { parseRawMessage } from './parse.js';
import type { ParsedMessage } from './parse.js';

export type LoadState =
  | { status: 'loading'; id: string }
  | { status: 'ready'; id: string; message: ParsedMessage }
  | { status: 'error'; id: string; error: IpcError };

/** Fetches and parses one message; `retry` fetches it again after an error. */
export function useMessageContent(
  accountId: string,
  messageId: string,
  onLoaded: (messageId: string, labelIds: string[]) => void,
): { current: LoadState; retry: () => void } {
  const [load, setLoad] = useState<LoadState>({ status: 'loading', id: messageId });
  const [attempt, setAttempt] = useState(0);
  // The latest callback, without refetching the message when the parent re-renders.
  const onLoadedRef = useRef(onLoaded);
  useEffect(() => {
    onLoadedRef.current = onLoaded;
  });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const content = await unwrap(window.glance.message.get(accountId, messageId));
        const message = await parseRawMessage(content.raw);
        if (cancelled) return;
        setLoad({ status: 'ready', id: messageId, message });
        onLoadedRef.current(messageId, content.labelIds);
      } catch (thrown) {
        // The error's name and message only: never the message content.
        if (!(thrown instanceof GlanceCallError))
          console.error(
            'Glance: could not show a message:',
            thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : typeof thrown,
          );
        if (!cancelled) setLoad({ status: 'error', id: messageId, error: asIpcError(thrown) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [accountId, messageId, attempt]);

  const current: LoadState = load.id === messageId ? load : { status: 'loading', id: messageId };
  return { current, retry: () => setAttempt((value) => value + 1) };
}
