import { useMemo, useState } from 'react';
import type { IpcError, Settings } from '../../../electron/shared/ipc-contract.js';
import { AttachmentList } from './AttachmentList.js';
import { LongMessageNotice } from './LongMessageNotice.js';
import { MessageHeader } from './MessageHeader.js';
import { useLinkGuard } from './LinkGuard.js';
import { MailFrame } from './MailFrame.js';
import { cidImageUrls } from './parse.js';
import type { ParsedMessage } from './parse.js';
import { PlainText } from './PlainText.js';
import { RemoteContentBanner } from './RemoteContentBanner.js';
import { mailFrameDocument, sanitizeMailHtml } from './sanitize.js';

export interface MessageViewProps {
  /** The message's account and id: saving an attachment asks the main process for its part by index. */
  accountId: string;
  messageId: string;
  message: ParsedMessage;
  /** Loads the rest of a long message (useMessageContent's showWhole); absent, the notice says to use Gmail. */
  onShowWhole?: () => void;
  /** Settings → Privacy: never load remote images, ask each time, or load them for trusted senders. */
  remoteImages: Settings['remoteImages'];
  /** Lower-case senders whose remote images load without asking when `remoteImages` is `trusted`. */
  remoteContentSenders: readonly string[];
  onAlwaysShowRemote: (sender: string) => void;
  /** Registrable domains whose links open without asking (Settings.trustedLinkDomains). */
  trustedLinkDomains: readonly string[];
  onTrustLinkDomain: (domain: string) => void;
  onNotice: (text: string) => void;
  onError: (error: IpcError) => void;
}

/** A loaded message: its header, the remote-images banner, attachments, and the sanitized body in a sandbox. */
export function MessageView({
  accountId,
  messageId,
  message,
  onShowWhole,
  remoteImages,
  remoteContentSenders,
  onAlwaysShowRemote,
  trustedLinkDomains,
  onTrustLinkDomain,
  onNotice,
  onError,
}: MessageViewProps) {
  const links = useLinkGuard({ trustedLinkDomains, onTrustLinkDomain, onNotice, onError });
  const sender = message.from?.address.toLowerCase() ?? '';
  const senderTrusted = remoteImages === 'trusted' && sender !== '' && remoteContentSenders.includes(sender);
  const [showRemote, setShowRemote] = useState(false);
  // 'never' wins over everything, including a Show clicked before the setting changed.
  const allowRemote = remoteImages !== 'never' && (showRemote || senderTrusted);

  const cidUrls = useMemo(() => cidImageUrls(message.attachments), [message.attachments]);
  const sanitized = useMemo(
    () => (message.html === null ? null : sanitizeMailHtml(message.html, { allowRemoteImages: allowRemote, cidUrls })),
    [message.html, allowRemote, cidUrls],
  );
  const attachments = message.attachments.filter((attachment) => !attachment.inline);

  return (
    <div className="reader-body">
      <MessageHeader message={message} />

      {sanitized && sanitized.remoteImages > 0 && !allowRemote && remoteImages !== 'never' ? (
        <RemoteContentBanner
          sender={sender}
          remoteImages={sanitized.remoteImages}
          trackers={sanitized.trackers}
          onShow={() => setShowRemote(true)}
          onAlwaysShow={onAlwaysShowRemote}
        />
      ) : null}

      {attachments.length > 0 ? (
        <AttachmentList
          accountId={accountId}
          messageId={messageId}
          attachments={attachments}
          onNotice={onNotice}
          onError={onError}
        />
      ) : null}

      {message.truncated ? (
        <LongMessageNotice
          key={message.truncated.shownChars}
          truncation={message.truncated}
          onShowWhole={onShowWhole}
        />
      ) : null}

      {sanitized ? (
        <MailFrame srcDoc={mailFrameDocument(sanitized.html, allowRemote)} remote={allowRemote} links={links} />
      ) : (
        <PlainText text={message.text ?? ''} links={links} />
      )}
      {links.overlay}
    </div>
  );
}
