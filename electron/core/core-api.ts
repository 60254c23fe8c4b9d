/**
 * GlanceCore's typed API: what the Electron glue, the IPC adapters (ipc-handlers.ts) and the tests call.
 * No string-keyed dispatch inside the main process: `dispatch` is only for what the renderer sends.
 */
import type {
  AccountsState,
  AccountView,
  AppInfo,
  EventName,
  EventPayloads,
  LocalSearchResult,
  MailboxStatus,
  MessageAction,
  MessageContent,
  MessagePage,
  Settings,
} from '../shared/ipc-contract.js';
import type { ListArgs, SearchLocalArgs } from './gmail/mail-service.js';
import type { Dispatch } from './ipc/dispatch.js';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface AttachmentToSave {
  filename: string;
  mimeType: string;
  contentBase64: string;
}

export interface GlanceCore {
  /** What the renderer sends: the contract's channels, validated, each over one of the methods below. */
  dispatch: Dispatch;
  onEvent(listener: CoreEventListener): () => void;
  app: {
    info(): AppInfo;
    /** Imports the client secrets file the person picks and switches to it. */
    chooseClientFile(): Promise<AppInfo>;
  };
  accounts: {
    get(): AccountsState;
    setActive(accountId: string): AccountsState;
    retryKeychain(): Promise<AccountsState>;
  };
  auth: {
    signIn(options: { loginHint?: string }): Promise<AccountView>;
    cancelSignIn(): void;
    /** Revokes and wipes this account only (keychain entry, cache, its data); the others are untouched. */
    signOut(accountId: string): Promise<{ revoked: boolean }>;
  };
  mail: {
    list(args: ListArgs): Promise<MessagePage>;
    /** Offline search: answered from this computer's index in milliseconds, or `answerable: false`. */
    searchLocal(args: SearchLocalArgs): Promise<LocalSearchResult>;
    get(accountId: string, messageId: string): Promise<MessageContent>;
    modify(accountId: string, ids: string[], action: MessageAction): Promise<void>;
    /** Every signed-in account's mailbox status, from memory (no request to Google). */
    mailboxes(): MailboxStatus[];
    syncNow(accountId: string): Promise<void>;
    /** Syncs every ready account in parallel (tray "Check Now"); one failing never stops the others. */
    syncAll(): Promise<void>;
    /** Unread mail across signed-in accounts, for the dock badge and tray. */
    unreadTotal(): number;
  };
  settings: {
    get(): Settings;
    update(patch: Partial<Settings>): Promise<Settings>;
  };
  files: {
    /** Null when the person cancelled the save dialog. */
    saveAttachment(attachment: AttachmentToSave): Promise<{ savedTo: string } | null>;
  };
  shell: {
    openExternal(url: string): Promise<void>;
    openInGmail(accountId: string, messageId: string): Promise<void>;
  };
  onWake(reason: 'focus' | 'resume' | 'online'): void;
  dispose(): Promise<void>;
}
