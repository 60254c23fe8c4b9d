/**
 * Runs calls in order per key: for one message, an Undo never overtakes the archive it undoes. A call
 * runs after the previous one settles, whether it succeeded or failed. A key is forgotten once its last
 * call settles, so the map holds only messages with calls in flight.
 */
export interface SerialQueues {
  run<T>(key: string, call: () => Promise<T>): Promise<T>;
  /** Keys with calls queued or running. */
  readonly pendingKeys: number;
}

export function createSerialQueues(): SerialQueues {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, call: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(call);
      tails.set(key, next);
      // Only the last call of a key removes it; both branches handled, so a failure is not reported twice.
      const settle = () => {
        if (tails.get(key) === next) tails.delete(key);
      };
      next.then(settle, settle);
      return next;
    },
    get pendingKeys() {
      return tails.size;
    },
  };
}
