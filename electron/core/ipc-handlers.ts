/**
 * The renderer's channels as one-line adapters over GlanceCore's typed methods: the contract's argument
 * tuples in, the method's result (or null) out. Validation and error mapping happen in dispatch.ts.
 */
import type { CoreChannel } from '../shared/ipc-contract.js';
import type { GlanceCore } from './app-core.js';
import type { Handlers } from './ipc/dispatch.js';

/** Channels whose result is `null`: the method's own result (if any) is not sent to the renderer. */
async function nothing(work: Promise<void> | void): Promise<null> {
  await work;
  return null;
}

/** Every channel but the main process's own (MAIN_PROCESS_CHANNELS), which reach the core as unknown requests. */
export function ipcHandlers(core: Omit<GlanceCore, 'dispatch'>): Pick<Handlers, CoreChannel> {
  return {
    'app:info': () => core.app.info(),
    'config:chooseClientFile': () => core.app.chooseClientFile(),
    'config:useDemo': () => core.app.useDemo(),
    'data:openFolder': () => nothing(core.data.openFolder()),
    'data:clearLocalCopy': () => nothing(core.data.clearLocalCopy()),
    'accounts:get': () => core.accounts.get(),
    'accounts:setActive': (accountId) => core.accounts.setActive(accountId),
    'accounts:retryKeychain': () => core.accounts.retryKeychain(),
    'accounts:usePassphraseFile': (passphrase) => core.accounts.usePassphraseFile(passphrase),
    'accounts:unlockPassphraseFile': (passphrase) => core.accounts.unlockPassphraseFile(passphrase),
    'auth:signIn': (options) => core.auth.signIn(options),
    'auth:cancelSignIn': () => nothing(core.auth.cancelSignIn()),
    'auth:openBrowserAgain': () => nothing(core.auth.openBrowserAgain()),
    'auth:copySignInLink': () => nothing(core.auth.copySignInLink()),
    'auth:signOut': (accountId) => core.auth.signOut(accountId),
    'mailboxes:get': () => core.mail.mailboxes(),
    'messages:list': (args) => core.mail.list(args),
    'messages:searchLocal': (args) => core.mail.searchLocal(args),
    'message:get': (accountId, messageId, options) => core.mail.get(accountId, messageId, options),
    'messages:modify': (accountId, ids, action) => core.mail.modify(accountId, ids, action),
    'conversation:get': (accountId, threadId) => core.mail.conversation(accountId, threadId),
    'conversations:modify': (accountId, threadIds, action) =>
      core.mail.modifyConversations(accountId, threadIds, action),
    'sync:now': (accountId) => nothing(core.mail.syncNow(accountId)),
    'labels:list': (accountId) => core.mail.userLabels(accountId),
    'notifications:test': () => core.notifications.test(),
    'attachment:save': (accountId, messageId, attachmentIndex) =>
      core.files.saveAttachment(accountId, messageId, attachmentIndex),
    'settings:get': () => core.settings.get(),
    'settings:update': (patch) => core.settings.update(patch),
    'settings:dismissResetNotice': () => nothing(core.settings.dismissResetNotice()),
    'shell:openExternal': (url) => nothing(core.shell.openExternal(url)),
    'shell:openInGmail': (accountId, messageId) => nothing(core.shell.openInGmail(accountId, messageId)),
    'network:activity': () => core.network.activity(),
  };
}
