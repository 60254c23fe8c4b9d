/**
 * The core's one time-out helper: `work` settles as it does, or rejects with `onTimeout()` after `ms`.
 * Used for keychain calls (a locked keyring may wait for a person forever) and for the requests that finish
 * a sign-in or sign-out. Gmail requests time out inside gaxios instead (a per-request `timeout` + AbortSignal).
 */
import { detachedTimers, type Timers } from './ports.js';

export function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  onTimeout: () => Error,
  timers: Timers = detachedTimers,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cancel = timers.schedule(() => reject(onTimeout()), ms);
    work.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}
