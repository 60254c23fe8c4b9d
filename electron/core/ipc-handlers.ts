/**
 * The renderer's channels as one-line adapters over GlanceCore's typed methods: the contract's argument
 * tuples in, the method's result (or null) out. Validation and error mapping happen in dispatch.ts.
 */
import type { GlanceCore } from './app-core.js';
import type { Handlers } from './ipc/dispatch.js';

export function ipcHandlers(core: Omit<GlanceCore, 'dispatch'>): Handlers {
  return {
    'app:info': () => core.app.info(),
    'config:chooseClientFile': () => core.app.chooseClientFile(),
    'accounts:get': () => core.accounts.get(),
    'accounts:setActive': (accountId) => core.accounts.setActive(accountId),
    'accounts:retryKeychain': () => core.accounts.retryKeychain(),
    'auth:signIn': (options) => core.auth.signIn(options),
    'auth:cancelSignIn': () => (core.auth.cancelSignIn(), null),
    'auth:signOut': (accountId) => core.auth.signOut(accountId),
    'mailboxes:get': () => core.mail.mailboxes(),
    'messages:list': (args) => core.mail.list(args),
    'message:get': (accountId, messageId) => core.mail.get(accountId, messageId),
    'messages:modify': async (accountId, ids, action) => (await core.mail.modify(accountId, ids, action), null),
    'sync:now': async (accountId) => (await core.mail.syncNow(accountId), null),
    'attachment:save': (attachment) => core.files.saveAttachment(attachment),
    'settings:get': () => core.settings.get(),
    'settings:update': (patch) => core.settings.update(patch),
    'shell:openExternal': async (url) => (await core.shell.openExternal(url), null),
    'shell:openInGmail': async (accountId, messageId) => (await core.shell.openInGmail(accountId, messageId), null),
  };
}
