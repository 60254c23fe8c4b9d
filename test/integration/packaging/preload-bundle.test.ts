/**
 * The bundled sandboxed preload (dist/preload/preload.cjs), run the way Electron runs a sandboxed
 * preload: a CommonJS wrapper whose `require` knows only `electron`. It must expose exactly the
 * contract's API as `window.glance` and nothing else. Needs `npm run build` first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../electron/shared/ipc-contract.js';

const bundle = join(fileURLToPath(new URL('../../../', import.meta.url)), 'dist', 'preload', 'preload.cjs');

function loadPreload() {
  if (!existsSync(bundle))
    throw new Error('dist/preload/preload.cjs is missing: run `npm run build` before this test.');
  const exposed = new Map<string, unknown>();
  const required: string[] = [];
  const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, value: { channel, args } })),
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) =>
      void listeners.set(channel, listener),
    removeListener: (channel: string) => void listeners.delete(channel),
    send: vi.fn(),
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer,
  };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`A sandboxed preload cannot require "${name}"`);
  };
  const module = { exports: {} };
  runInNewContext(`(function (exports, require, module) {\n${readFileSync(bundle, 'utf8')}\n})`, { console })(
    module.exports,
    sandboxRequire,
    module,
  );
  return { exposed, required, ipcRenderer, listeners };
}

describe('the bundled preload', () => {
  it('requires nothing but electron, and exposes only window.glance', () => {
    const { exposed, required } = loadPreload();
    expect([...new Set(required)]).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['glance']);
  });

  it('window.glance is exactly the contract: one action per channel plus `on`', async () => {
    const { exposed, ipcRenderer, listeners } = loadPreload();
    const api = exposed.get('glance') as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> & {
      on: (event: string, listener: (payload: unknown) => void) => () => void;
    };
    const names = Object.entries(api).flatMap(([domain, verbs]) =>
      typeof verbs === 'function' ? [domain] : Object.keys(verbs).map((verb) => `${domain}:${verb}`),
    );
    expect(names.sort()).toEqual([...CHANNEL_NAMES, 'on'].sort());
    await expect(api.message?.get?.('acct', 'm1')).resolves.toEqual({
      ok: true,
      value: { channel: 'message:get', args: ['acct', 'm1'] },
    });
    const payloads: unknown[] = [];
    const off = api.on('message:show', (payload) => payloads.push(payload));
    listeners.get('message:show')?.({ sender: ipcRenderer }, { accountId: 'a', messageId: 'm' });
    expect(payloads).toEqual([{ accountId: 'a', messageId: 'm' }]);
    off();
    expect(listeners.has('message:show')).toBe(false);
    expect(ipcRenderer.send).not.toHaveBeenCalled();
  });
});
