// An in-memory stand-in for keytar inside the fake-Electron child process.
const entries = new Map();
const key = (service, account) => `${service}\u0000${account}`;
module.exports = {
  getPassword: async (service, account) => entries.get(key(service, account)) ?? null,
  setPassword: async (service, account, password) => void entries.set(key(service, account), password),
  deletePassword: async (service, account) => entries.delete(key(service, account)),
};
