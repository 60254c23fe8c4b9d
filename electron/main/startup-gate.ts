/**
 * Start-up order. The window can appear before the core exists — a second launch, a Dock click or a
 * notification activation during start-up (which waits for keychain reads) — so IPC is registered
 * before anything can show the window, and every call waits here until the core is ready.
 */
import { MAIN_PROCESS_CHANNELS, type Channel, type IpcResult } from '../shared/ipc-contract.js';

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
 * The main process's channels as one: each part answers its own. Throws unless together they answer exactly
 * MAIN_PROCESS_CHANNELS, each once, so a channel added to the contract cannot be left for the core to refuse.
 */
export function mainProcessChannels(...parts: MainProcessChannels[]): MainProcessChannels {
  const owners = new Map<Channel, MainProcessChannels>();
  for (const part of parts)
    for (const channel of part.channels) {
      if (owners.has(channel)) throw new Error(`Two answers for the main-process channel ${channel}`);
      owners.set(channel, part);
    }
  const missing = MAIN_PROCESS_CHANNELS.filter((channel) => !owners.has(channel));
  const extra = [...owners.keys()].filter(
    (channel) => !(MAIN_PROCESS_CHANNELS as readonly Channel[]).includes(channel),
  );
  if (missing.length > 0 || extra.length > 0)
    throw new Error(
      `Main-process channels unanswered: [${missing.join(', ')}]; not the main process's: [${extra.join(', ')}]`,
    );
  return {
    channels: [...owners.keys()],
    dispatch: async (channel, args) => {
      const owner = owners.get(channel);
      if (!owner) throw new Error(`Not a main-process channel: ${channel}`);
      return owner.dispatch(channel, args);
    },
  };
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
