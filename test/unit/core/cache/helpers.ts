import type { SecretStore } from '../../../../electron/core/ports.js';

/** An in-memory keychain for cache tests; `failing` makes every call reject like a locked keyring. */
export function testSecretStore(options: { failing?: boolean } = {}): SecretStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const check = () => {
    if (options.failing) throw new Error('Cannot create an item in a locked collection');
  };
  return {
    entries,
    get: async (service, account) => (check(), entries.get(`${service}/${account}`) ?? null),
    set: async (service, account, secret) => {
      check();
      entries.set(`${service}/${account}`, secret);
    },
    delete: async (service, account) => (check(), entries.delete(`${service}/${account}`)),
  };
}
