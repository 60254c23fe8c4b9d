/**
 * GlanceCore's typed API: what the Electron glue, the IPC adapters (ipc-handlers.ts) and the tests call.
 * No string-keyed dispatch inside the main process: `dispatch` is only for what the renderer sends.
 */
import type {
  AccountsState,
  AccountView,
  AppInfo,
  Conversation,
  EventName,
  EventPayloads,
  GmailLabel,
  LocalSearchResult,
  MailboxStatus,
  MessageAction,
  ModifyResult,
  MessageContent,
  MessagePage,
  NetworkActivity,
  Settings,
  SettingsPatch,
  TestNotificationResult,
} from '../shared/ipc-contract.js';
import type { ListArgs, SearchLocalArgs } from './gmail/mail-service.js';
import type { Dispatch } from './ipc/dispatch.js';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface GlanceCore {
  /** What the renderer sends: the contract's channels, validated, each over one of the methods below. */
  dispatch: Dispatch;
  onEvent(listener: CoreEventListener): () => void;
  app: {
    info(): AppInfo;
    /** Imports the client secrets file the person picks and switches to it. */
    chooseClientFile(): Promise<AppInfo>;
    /**
     * Forgets the client chosen in the app (the data folder's client file) and switches to the demo mailbox.
     * Google accounts are not signed out: their tokens and local mail stay, unused, until a client is chosen again.
     */
    useDemo(): Promise<AppInfo>;
  };
  data: {
    /** Opens the data folder in the system's file manager. */
    openFolder(): Promise<void>;
    /** Drops every account's local copy of mail and fetches it again; sign-in and queued actions are kept. */
    clearLocalCopy(): Promise<void>;
  };
  accounts: {
    get(): AccountsState;
    setActive(accountId: string): AccountsState;
    retryKeychain(): Promise<AccountsState>;
    /** Keeps the sign-in in a passphrase-protected file from now on (opt-in when the keychain can't be used). */
    usePassphraseFile(passphrase: string): Promise<AccountsState>;
    /** Opens that file at start; WrongPassphraseError when the passphrase doesn't. */
    unlockPassphraseFile(passphrase: string): Promise<AccountsState>;
  };
  auth: {
    signIn(options: { loginHint?: string }): Promise<AccountView>;
    cancelSignIn(): void;
    /** The waiting sign-in's consent page, in the system browser again; SignInCancelledError when none waits. */
    openBrowserAgain(): Promise<void>;
    /** The waiting sign-in's consent page address, onto the clipboard (never logged, never to the window). */
    copySignInLink(): Promise<void>;
    /** Revokes and wipes this account only (keychain entry, cache, its data); the others are untouched. */
    signOut(accountId: string): Promise<{ revoked: boolean }>;
  };
  mail: {
    list(args: ListArgs): Promise<MessagePage>;
    /** Offline search: answered from this computer's index in milliseconds, or `answerable: false`. */
    searchLocal(args: SearchLocalArgs): Promise<LocalSearchResult>;
    /** Parsed and bounded here (message/message-content.ts); `whole` lifts the body's first limit. */
    get(accountId: string, messageId: string, options?: { whole: boolean }): Promise<MessageContent>;
    /** Journaled before it resolves; `queued` when Gmail could not be reached (sent later, in order). */
    modify(accountId: string, ids: string[], action: MessageAction): Promise<ModifyResult>;
    /** One conversation's messages, oldest first (one threads.get); offline, those this computer holds. */
    conversation(accountId: string, threadId: string): Promise<Conversation>;
    /** An action on whole conversations, journalled and durable like modify. */
    modifyConversations(accountId: string, threadIds: string[], action: MessageAction): Promise<ModifyResult>;
    /** The account's own Gmail labels (asked of Gmail: call when the notification settings open). */
    userLabels(accountId: string): Promise<GmailLabel[]>;
    /** Every signed-in account's mailbox status, from memory (no request to Google). */
    mailboxes(): MailboxStatus[];
    syncNow(accountId: string): Promise<void>;
    /** Syncs every ready account in parallel (tray "Check Now"); one failing never stops the others. */
    syncAll(): Promise<void>;
    /**
     * Unread mail across signed-in accounts, for the dock badge and tray: conversations while
     * `Settings.listMode` is `conversations`, messages otherwise.
     */
    unreadTotal(): number;
  };
  settings: {
    get(): Settings;
    update(patch: SettingsPatch): Promise<Settings>;
    /** The person closed the "settings were reset" notice (AppInfo.settingsReset): it is not given again. */
    dismissResetNotice(): void;
  };
  files: {
    /**
     * Reads the message (local copy or Gmail), takes its attachment `attachmentIndex` and writes its bytes to
     * the file the person chooses. Null when they cancelled the save dialog.
     */
    saveAttachment(accountId: string, messageId: string, attachmentIndex: number): Promise<{ savedTo: string } | null>;
  };
  shell: {
    openExternal(url: string): Promise<void>;
    openInGmail(accountId: string, messageId: string): Promise<void>;
  };
  notifications: {
    /** Shows a test notification through the desktop's notifier; says whether the system showed it. */
    test(): Promise<TestNotificationResult>;
  };
  network: {
    /** Every host contacted since start (Glance's requests through its fetch port, and the window's), with counts. */
    activity(): NetworkActivity;
  };
  onWake(reason: 'focus' | 'resume' | 'online'): void;
  dispose(): Promise<void>;
}
