import type { GlanceApi } from '../../electron/shared/ipc-contract.js';

declare global {
  interface Window {
    /** The preload bridge: the renderer's only way to the main process. */
    readonly glance: GlanceApi;
  }
}

export {};
