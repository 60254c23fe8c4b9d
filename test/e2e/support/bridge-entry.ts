/**
 * Runs in the page before the renderer (Playwright addInitScript) and plays the preload: it builds
 * `window.glance` with the same `buildGlanceApi` the preload uses, over a Playwright binding to the real
 * main-process core. Only plain JSON crosses, as with contextBridge.
 */
import { buildGlanceApi } from '../../../electron/shared/ipc-api.js';
import type { Channel, EventName, IpcResult } from '../../../electron/shared/ipc-contract.js';

declare global {
  interface Window {
    __glanceInvoke(channel: Channel, args: unknown[]): Promise<IpcResult<unknown>>;
    __glanceEmit(event: EventName, payload: unknown): void;
  }
}

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
window.__glanceEmit = (event, payload) => {
  for (const listener of listeners.get(event) ?? []) listener(payload);
};
const api = buildGlanceApi(
  (channel, args) => window.__glanceInvoke(channel, args),
  (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
);
Object.defineProperty(window, 'glance', { value: api, writable: false, configurable: false });
