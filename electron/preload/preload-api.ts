/**
 * `window.glance`: the contract's actions and events, and nothing else. No `ipcRenderer`, no generic
 * send or invoke reaches the page; listeners receive the payload only (never the IpcRendererEvent,
 * whose `sender` would hand the page an ipcRenderer).
 */
import { buildGlanceApi } from '../shared/ipc-api.js';
import type { Channel, EventName, GlanceApi, IpcResult } from '../shared/ipc-contract.js';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createPreloadApi(ipcRenderer: IpcRendererLike): GlanceApi {
  const invoke = (channel: Channel, args: unknown[]) =>
    ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<unknown>>;
  const subscribe = (event: EventName, listener: (payload: unknown) => void) => {
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  };
  return buildGlanceApi(invoke, subscribe);
}
