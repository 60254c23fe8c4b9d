/**
 * Which build of the local store's native module (better-sqlite3-multiple-ciphers, not N-API) this run
 * loads. Installed Glance: node_modules' own (electron-builder rebuilt it for Electron). `npm start` /
 * `npm run dev`: node_modules holds the Node build the tests use, so the start script builds an Electron
 * copy into dist/native/ (build/scripts/store-native.mjs, which names it the same way); without one the
 * store does not open and the app runs from Google alone.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface StoreRuntime {
  isPackaged: boolean;
  /** app.getAppPath(): the folder holding package.json and dist/. */
  appPath: string;
  electronVersion: string;
  platform: string;
  arch: string;
}

/** The same name build/scripts/store-native.mjs gives the file it builds. */
export function electronBindingName(runtime: Pick<StoreRuntime, 'electronVersion' | 'platform' | 'arch'>): string {
  return `better_sqlite3-electron-${runtime.electronVersion}-${runtime.platform}-${runtime.arch}.node`;
}

export type StoreBindingChoice =
  | { kind: 'node_modules' }
  | { kind: 'electron-build'; path: string }
  /** Unpackaged and never built (no network, compiler or python3 when `npm start` ran). */
  | { kind: 'missing'; path: string };

export function chooseStoreBinding(
  runtime: StoreRuntime,
  exists: (path: string) => boolean = existsSync,
): StoreBindingChoice {
  if (runtime.isPackaged) return { kind: 'node_modules' };
  const path = join(runtime.appPath, 'dist', 'native', electronBindingName(runtime));
  return exists(path) ? { kind: 'electron-build', path } : { kind: 'missing', path };
}

/** The line logged when an unpackaged run has no Electron build (what to do next, no path). */
export const STORE_BINDING_MISSING =
  'local store: no Electron build of its native module (`npm start` builds it; it needs network access, python3 and a C++ compiler); running without a local store';
