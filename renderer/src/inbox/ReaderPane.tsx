import { useTranslation } from 'react-i18next';
import { DEFAULT_REMOTE_IMAGES } from '../settings/labels.js';
import type { Settings, SettingsPatch } from '../../../electron/shared/ipc-contract.js';
import type { AccountMarkInfo } from '../accounts/account-marks.js';
import { findMessage } from '../mail/mail-state.js';
import type { MailState } from '../mail/mail-state.js';
import type { Conversation } from '../../../electron/shared/ipc-contract.js';
import { ConversationReader, type ConversationNavigation } from '../reader/ConversationReader.js';
import { Reader } from '../reader/Reader.js';
import { withElements } from '../reader/with-elements.js';
import type { ReaderFlags } from '../reader/Reader.js';
import type { useConversationActions } from './useConversationActions.js';
import type { useMailActions } from './useMailActions.js';
import { sameMessage } from './useSelection.js';
import type { ConversationRef, MessageRef } from './useSelection.js';
import type { ToastApi } from './useToasts.js';

interface ReaderPaneProps {
  open: MessageRef | null;
  state: MailState;
  actions: ReturnType<typeof useMailActions>;
  hasRows: boolean;
  account: AccountMarkInfo | null;
  settings: Settings | null;
  toasts: ToastApi;
  emailOf: (accountId: string) => string | undefined;
  onClose: () => void;
  onUpdateSettings: (patch: SettingsPatch) => Promise<void>;
  /** The open conversation (conversation mode), shown instead of a single message. */
  conversation?: OpenConversation | null;
}

export interface OpenConversation {
  ref: ConversationRef;
  /** As its row shows them; null when no row does (then as the loaded conversation says). */
  flags: ReaderFlags | null;
  actions: ReturnType<typeof useConversationActions>;
  onConversation: (conversation: Conversation) => void;
  navigationRef: React.RefObject<ConversationNavigation | null>;
  now: number;
}

/** The right column: the open message (it stays open after it leaves the list), or a hint. */
export function ReaderPane({ open, state, actions, hasRows, account, settings, toasts, ...props }: ReaderPaneProps) {
  const { t } = useTranslation('inbox');
  const contentProps = {
    remoteImages: settings?.remoteImages ?? DEFAULT_REMOTE_IMAGES,
    remoteContentSenders: settings?.remoteContentSenders ?? [],
    onAlwaysShowRemote: (sender: string) => {
      const senders = new Set(settings?.remoteContentSenders ?? []);
      senders.add(sender);
      // "Always show" only means something when trusted senders' images load: asking becomes that.
      const policy = settings?.remoteImages ?? DEFAULT_REMOTE_IMAGES;
      void props.onUpdateSettings({
        remoteContentSenders: [...senders],
        ...(policy === 'trusted' ? {} : { remoteImages: 'trusted' }),
      });
      if (policy !== 'trusted')
        toasts.pushToast({ kind: 'info', text: t('reader.imagesAlwaysShown', { sender }) }, 6000);
    },
    trustedLinkDomains: settings?.trustedLinkDomains ?? [],
    onTrustLinkDomain: (domain: string) => {
      const domains = new Set(settings?.trustedLinkDomains ?? []);
      domains.add(domain);
      void props.onUpdateSettings({ trustedLinkDomains: [...domains] });
    },
    onNotice: (text: string) => toasts.pushToast({ kind: 'info', text }, 4000),
  };
  const { conversation } = props;
  if (conversation) {
    const { ref, flags, actions: conversationActions } = conversation;
    const email = props.emailOf(ref.accountId);
    return (
      <main className="reader-pane">
        <ConversationReader
          key={`${ref.accountId}/${ref.threadId}`}
          accountId={ref.accountId}
          threadId={ref.threadId}
          flags={flags}
          account={account}
          now={conversation.now}
          navigationRef={conversation.navigationRef}
          onConversation={conversation.onConversation}
          // A message's own labels matter only without a list row; the conversation's row carries its flags.
          onMessageLoaded={() => undefined}
          onArchive={() => conversationActions.archive(ref)}
          onToggleStar={() => conversationActions.toggleStar(ref)}
          onToggleRead={() =>
            flags?.unread === false ? conversationActions.markUnread(ref) : conversationActions.markRead(ref)
          }
          onOpenInGmail={() => actions.openInGmail({ accountId: ref.accountId, id: ref.threadId })}
          onClose={props.onClose}
          {...contentProps}
          onError={(error) => toasts.showError(t('reader.somethingFailed'), error, email)}
        />
      </main>
    );
  }
  if (!open) {
    return (
      <main className="reader-pane">
        <div className="reader-empty">
          <p>{hasRows ? t('reader.selectMessage') : ''}</p>
          {hasRows ? (
            <p className="muted">
              {withElements((keys) => t('reader.keysHint', keys), {
                j: <kbd>j</kbd>,
                k: <kbd>k</kbd>,
                o: <kbd>o</kbd>,
                help: <kbd>?</kbd>,
              })}
            </p>
          ) : null}
        </div>
      </main>
    );
  }
  const listed = findMessage(state, open.accountId, open.id);
  const fromReader = actions.readerFlags;
  const flags: ReaderFlags | null = listed
    ? { unread: listed.unread, starred: listed.starred, inInbox: listed.inInbox }
    : fromReader && sameMessage(fromReader.ref, open)
      ? fromReader.flags
      : null;
  const email = props.emailOf(open.accountId);
  return (
    <main className="reader-pane">
      <Reader
        key={`${open.accountId}/${open.id}`}
        accountId={open.accountId}
        messageId={open.id}
        flags={flags}
        account={account}
        {...contentProps}
        onLoaded={(_id, labelIds) => actions.onLoaded(open, labelIds, settings?.markReadOnOpen ?? true)}
        onArchive={() => actions.archive(open)}
        onToggleStar={() => actions.toggleStar(open)}
        onToggleRead={() => (flags?.unread ? actions.markRead(open) : actions.markUnread(open))}
        onOpenInGmail={() => actions.openInGmail(open)}
        onClose={props.onClose}
        onError={(error) => toasts.showError(t('reader.somethingFailed'), error, email)}
      />
    </main>
  );
}
