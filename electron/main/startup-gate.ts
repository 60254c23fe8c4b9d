/**
 * Start-up order. The window can appear before the core exists — a second launch, a Dock click or a
 * notification activation during start-up (which waits for keychain reads) — so IPC is registered
 * before anything can show the window, and every call waits here until the core is ready.
 */
import type { Channel, IpcResult } from '../shared/ipc-contract.js';

export interface CoreGate<T> {
  /** Resolves with the core once it exists; rejects if start-up failed. */
  get(): Promise<T>;
  ready(core: T): void;
  failed(error: unknown): void;
}

export function createCoreGate<T>(): CoreGate<T> {
  let resolve!: (core: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A failed start-up is reported by the caller (error box); calls waiting here just fail with it.
  promise.catch(() => {});
  return { get: () => promise, ready: resolve, failed: reject };
}

interface Dispatcher {
  dispatch(channel: Channel, args: unknown[]): Promise<IpcResult<unknown>>;
}

/** Channels the main process answers itself, without the core (see `gatedDispatch`). */
export interface MainProcessChannels extends Dispatcher {
  channels: readonly Channel[];
}

/**
 * The IPC dispatch: waits for the core, then dispatches. After a completed browser sign-in it calls
 * `onSignedIn` (the glue brings Glance back in front of the browser the person just used). The channels of
 * `mainProcess` are answered at once: what they need lives in this process, and the core's start-up may itself
 * be waiting on them (a request through a proxy that asks for a password waits for the dialog's answer).
 */
export function gatedDispatch(
  gate: Pick<CoreGate<Dispatcher>, 'get'>,
  onSignedIn: () => void,
  mainProcess?: MainProcessChannels,
): (channel: Channel, args: unknown[]) => Promise<IpcResult<unknown>> {
  return async (channel, args) => {
    if (mainProcess?.channels.includes(channel)) return mainProcess.dispatch(channel, args);
    const core = await gate.get();
    const result = await core.dispatch(channel, args);
    if (channel === 'auth:signIn' && result.ok) onSignedIn();
    return result;
  };
}
