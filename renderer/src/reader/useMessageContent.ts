import { useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../electron/shared/ipc-contract.js';
import { GlanceCallError, asIpcError, unwrap } from '../shared/errors.js';
import { toParsedMessage } from './parse.js';
import type { ParsedMessage } from './parse.js';

export type LoadState =
  | { status: 'loading'; id: string }
  | { status: 'ready'; id: string; message: ParsedMessage }
  | { status: 'error'; id: string; error: IpcError };

/**
 * Fetches one message (parsed and bounded by the main process); `retry` fetches it again after an error,
 * `showWhole` fetches it again with the whole body (a long message arrives cut at ~2 MB).
 */
export function useMessageContent(
  accountId: string,
  messageId: string,
  onLoaded: (messageId: string, labelIds: string[]) => void,
): { current: LoadState; retry: () => void; showWhole: () => void } {
  const [load, setLoad] = useState<LoadState>({ status: 'loading', id: messageId });
  const [attempt, setAttempt] = useState(0);
  // The message the person asked to see whole; another message opens cut again.
  const [wholeFor, setWholeFor] = useState<string | null>(null);
  const whole = wholeFor === messageId;
  // The latest callback, without refetching the message when the parent re-renders.
  const onLoadedRef = useRef(onLoaded);
  useEffect(() => {
    onLoadedRef.current = onLoaded;
  });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const content = await unwrap(
          whole
            ? window.glance.message.get(accountId, messageId, { whole: true })
            : window.glance.message.get(accountId, messageId),
        );
        if (cancelled) return;
        setLoad({ status: 'ready', id: messageId, message: toParsedMessage(content) });
        // Opening counts once; loading the rest of the same message is not a second opening.
        if (!whole) onLoadedRef.current(messageId, content.labelIds);
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
  }, [accountId, messageId, attempt, whole]);

  const current: LoadState = load.id === messageId ? load : { status: 'loading', id: messageId };
  return {
    current,
    retry: () => setAttempt((value) => value + 1),
    showWhole: () => setWholeFor(messageId),
  };
}
