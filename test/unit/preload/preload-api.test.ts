import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createPreloadApi, type IpcRendererLike } from '../../../electron/preload/preload-api.js';
import { CHANNEL_NAMES, type EventName } from '../../../electron/shared/ipc-contract.js';

class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }) as unknown);
  send = vi.fn();
}

function exposedNames(api: object): string[] {
  return Object.entries(api).flatMap(([domain, verbs]) =>
    typeof verbs === 'function' ? [domain] : Object.keys(verbs as object).map((verb) => `${domain}:${verb}`),
  );
}

describe('createPreloadApi', () => {
  it('exposes exactly the contract’s actions and `on`, nothing generic', () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    expect(exposedNames(api).sort()).toEqual([...CHANNEL_NAMES, 'on'].sort());
    for (const forbidden of ['send', 'invoke', 'ipcRenderer', 'sendSync', 'postMessage'])
      expect(api).not.toHaveProperty(forbidden);
    expect(Object.values(api)).not.toContain(ipc);
  });

  it('invokes the channel with the arguments spread, and returns the main process’s result', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.invoke.mockResolvedValueOnce({ ok: true, value: { messages: [] } });
    const api = createPreloadApi(ipc);
    const result = await api.messages.list({ accountId: 'a1', scope: 'unread', pageSize: 50 });
    expect(result).toEqual({ ok: true, value: { messages: [] } });
    expect(ipc.invoke).toHaveBeenCalledWith('messages:list', { accountId: 'a1', scope: 'unread', pageSize: 50 });
    await api.message.get('a1', 'abc');
    expect(ipc.invoke).toHaveBeenLastCalledWith('message:get', 'a1', 'abc');
    expect(ipc.send).not.toHaveBeenCalled();
  });

  it('listeners get the payload only, never the IpcRendererEvent; unsubscribe stops them', () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    const listener = vi.fn();
    const unsubscribe = api.on('message:show', listener);
    const ipcEvent = { sender: ipc, senderId: 0 };
    ipc.emit('message:show', ipcEvent, { accountId: 'a1', messageId: 'm1' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ accountId: 'a1', messageId: 'm1' }]);
    unsubscribe();
    ipc.emit('message:show', ipcEvent, { accountId: 'a1', messageId: 'm2' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipc.listenerCount('message:show')).toBe(0);
  });

  it('refuses to subscribe to anything that is not a contract event', () => {
    const api = createPreloadApi(new FakeIpcRenderer());
    expect(() => api.on('ELECTRON_BROWSER_REQUIRE' as EventName, vi.fn())).toThrow(/Unknown Glance event/);
  });
});
