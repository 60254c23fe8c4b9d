import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeychainUnavailableError } from '../../../../electron/core/errors.js';
import {
  KEYCHAIN_SERVICE,
  guardedSecretStore,
  keytarSecretStore,
  memorySecretStore,
  type KeytarApi,
} from '../../../../electron/core/keychain/secret-store.js';
import type { SecretStore } from '../../../../electron/core/ports.js';

function fakeKeytar(): KeytarApi & { calls: string[]; data: Map<string, string> } {
  const data = new Map<string, string>();
  const calls: string[] = [];
  return {
    calls,
    data,
    getPassword: async (service, account) => {
      calls.push(`get ${service} ${account}`);
      return data.get(`${service}/${account}`) ?? null;
    },
    setPassword: async (service, account, password) => {
      calls.push(`set ${service} ${account}`);
      data.set(`${service}/${account}`, password);
    },
    deletePassword: async (service, account) => {
      calls.push(`delete ${service} ${account}`);
      return data.delete(`${service}/${account}`);
    },
  };
}

const neverResolving: SecretStore = {
  get: () => new Promise(() => undefined),
  set: () => new Promise(() => undefined),
  delete: () => new Promise(() => undefined),
};

afterEach(() => {
  vi.useRealTimers();
});

describe('keytarSecretStore', () => {
  it('round-trips through keytar’s getPassword / setPassword / deletePassword only', async () => {
    const keytar = fakeKeytar();
    const store = keytarSecretStore({ loadKeytar: async () => keytar });
    expect(await store.get(KEYCHAIN_SERVICE, '1001')).toBeNull();
    await store.set(KEYCHAIN_SERVICE, '1001', '1//refresh-a');
    expect(await store.get(KEYCHAIN_SERVICE, '1001')).toBe('1//refresh-a');
    expect(await store.delete(KEYCHAIN_SERVICE, '1001')).toBe(true);
    expect(await store.delete(KEYCHAIN_SERVICE, '1001')).toBe(false);
    expect(keytar.calls).toEqual([
      'get Glance 1001',
      'set Glance 1001',
      'get Glance 1001',
      'delete Glance 1001',
      'delete Glance 1001',
    ]);
  });

  it('loads keytar lazily, once', async () => {
    const load = vi.fn(async () => fakeKeytar());
    const store = keytarSecretStore({ loadKeytar: load });
    expect(load).not.toHaveBeenCalled();
    await store.get(KEYCHAIN_SERVICE, 'a');
    await store.get(KEYCHAIN_SERVICE, 'b');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('turns a missing native module into KeychainUnavailableError and retries loading later', async () => {
    const load = vi
      .fn<() => Promise<KeytarApi>>()
      .mockRejectedValueOnce(new Error("Cannot find module '../build/Release/keytar.node'"))
      .mockResolvedValueOnce(fakeKeytar());
    const store = keytarSecretStore({ loadKeytar: load });
    const error = await store.get(KEYCHAIN_SERVICE, 'a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as Error).message).toContain('the keychain module could not be loaded');
    expect((error as Error).message).toContain('Retry');
    expect(await store.get(KEYCHAIN_SERVICE, 'a')).toBeNull();
  });

  it('maps keytar’s rejections (locked collection, no D-Bus) to KeychainUnavailableError', async () => {
    const locked = fakeKeytar();
    locked.setPassword = async () => {
      throw new Error('Cannot create an item in a locked collection');
    };
    locked.getPassword = async () => {
      throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    };
    const store = keytarSecretStore({ loadKeytar: async () => locked });
    await expect(store.set(KEYCHAIN_SERVICE, 'a', 's')).rejects.toThrow(/it is locked/);
    await expect(store.get(KEYCHAIN_SERVICE, 'a')).rejects.toThrow(/no Secret Service is running/);
  });

  it('times out a call that never answers (locked keyring waiting for a prompt)', async () => {
    vi.useFakeTimers();
    const hanging: KeytarApi = {
      getPassword: () => new Promise(() => undefined),
      setPassword: async () => undefined,
      deletePassword: async () => true,
    };
    const store = keytarSecretStore({ timeoutMs: 10_000, loadKeytar: async () => hanging });
    const result = store.get(KEYCHAIN_SERVICE, 'a').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(9_999);
    let settled = false;
    void result.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await result;
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as Error).message).toContain('did not answer within 10 s');
  });
});

describe('guardedSecretStore', () => {
  it('puts the time-out on every call of any store', async () => {
    vi.useFakeTimers();
    const store = guardedSecretStore(neverResolving, 500);
    const calls = [store.get('Glance', 'a'), store.set('Glance', 'a', 'x'), store.delete('Glance', 'a')].map((p) =>
      p.catch((e: unknown) => e),
    );
    await vi.advanceTimersByTimeAsync(500);
    for (const error of await Promise.all(calls)) expect(error).toBeInstanceOf(KeychainUnavailableError);
  });

  it('passes answers through', async () => {
    const store = guardedSecretStore(memorySecretStore({ '42': '1//x' }), 500);
    expect(await store.get(KEYCHAIN_SERVICE, '42')).toBe('1//x');
  });
});

describe('memorySecretStore', () => {
  it('keys entries by service and account', async () => {
    const store = memorySecretStore();
    await store.set('Glance', 'a', 'one');
    await store.set('Other', 'a', 'two');
    expect(await store.get('Glance', 'a')).toBe('one');
    expect(await store.get('Other', 'a')).toBe('two');
    expect(await store.delete('Glance', 'a')).toBe(true);
    expect(await store.get('Glance', 'a')).toBeNull();
    expect(store.entries.size).toBe(1);
  });
});
