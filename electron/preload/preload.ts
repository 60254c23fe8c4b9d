/**
 * The sandboxed preload (bundled to one CommonJS file, dist/preload/preload.cjs): exposes the contract's
 * API as `window.glance` through contextBridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api.js';

contextBridge.exposeInMainWorld('glance', createPreloadApi(ipcRenderer));
