import { useEffect, useMemo, useRef, useState } from 'react';
import type { IpcError } from '../../../electron/shared/ipc-contract.js';
import { GlanceCallError, adviceFor, asIpcError, unwrap } from '../shared/errors.js';
import { exactDate, fileSize, initialOf } from '../shared/format.js';
import { StarIcon } from '../inbox/MessageList.js';
import { AccountMark } from '../accounts/AccountMark.js';
import type { AccountMarkInfo } from '../accounts/account-marks.js';
import { cidImageUrls, parseRawMessage } from './parse.js';
import type { ParsedAddress, ParsedAttachment, ParsedMessage } from './parse.js';
import { mailFrameDocument, sanitizeMailHtml } from './sanitize.js';
import { linkify } from './linkify.js';

export interface ReaderFlags {
  unread: boolean;
  starred: boolean;
  inInbox: boolean;
}

interface ReaderProps {
  accountId: string;
  messageId: string;
  flags: ReaderFlags | null;
  /** The account the message is in, shown in the header when Glance has several. */
  account: AccountMarkInfo | null;
  /** Lower-case senders whose remote images always load. */
  remoteContentSenders: readonly string[];
  onLoaded: (messageId: string, labelIds: string[]) => void;
  onArchive: () => void;
  onToggleStar: () => void;
  onToggleRead: () => void;
  onOpenInGmail: () => void;
  onAlwaysShowRemote: (sender: string) => void;
  onClose: () => void;
  onNotice: (text: string) => void;
  onError: (error: IpcError) => void;
}

type LoadState =
  | { status: 'loading'; id: string }
  | { status: 'ready'; id: string; message: ParsedMessage }
  | { status: 'error'; id: string; error: IpcError };

export function Reader(props: ReaderProps) {
  const { accountId, messageId, onLoaded } = props;
  const [load, setLoad] = useState<LoadState>({ status: 'loading', id: messageId });
  const [attempt, setAttempt] = useState(0);
  // The latest callback, without refetching the message when the parent re-renders.
  const onLoadedRef = useRef(onLoaded);
  useEffect(() => {
    onLoadedRef.current = onLoaded;
  });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const content = await unwrap(window.glance.message.get(accountId, messageId));
        const message = await parseRawMessage(content.raw);
        if (cancelled) return;
        setLoad({ status: 'ready', id: messageId, message });
        onLoadedRef.current(messageId, content.labelIds);
      } catch (thrown) {
        // The error's name and message only: never the message content.
        if (!(thrown instanceof GlanceCallError))
          console.error(
            'Glance: could not show a message:',
            thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : typeof thrown,
          );
        if (!cancelled) setLoad({ status: 'error', id: messageId, error: asIpcError(thrown) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [accountId, messageId, attempt]);

  const current: LoadState = load.id === messageId ? load : { status: 'loading', id: messageId };

  return (
    <article
      className="reader"
      aria-label="Message"
      data-reader-state={current.status}
      data-open-message-id={messageId}
      data-open-account-id={accountId}
    >
      <ReaderToolbar {...props} />
      {current.status === 'loading' ? (
        <div className="reader-loading" role="status">
          <div className="sk sk-line" style={{ width: '55%', height: 22 }} />
          <div className="sk sk-line" style={{ width: '35%' }} />
          <div className="sk sk-block" />
        </div>
      ) : current.status === 'error' ? (
        <div className="state-panel" role="alert">
          <h2>{adviceFor(current.error).title}</h2>
          <p>{adviceFor(current.error).detail}</p>
          <button type="button" className="button" onClick={() => setAttempt((value) => value + 1)}>
            Try again
          </button>
        </div>
      ) : (
        <MessageView key={messageId} message={current.message} {...props} />
      )}
    </article>
  );
}

function ReaderToolbar(props: ReaderProps) {
  const { flags, account, onArchive, onToggleStar, onToggleRead, onOpenInGmail, onClose } = props;
  return (
    <div className="reader-toolbar" role="toolbar" aria-label="Message actions">
      <button
        type="button"
        className="tool"
        onClick={onClose}
        title="Back to the list (U)"
        aria-label="Back to the list"
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" className="icon">
          <path d="M10 3 5 8l5 5" fill="none" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {account ? (
        <span className="reader-account" data-field="account">
          <AccountMark mark={account} decorative />
          <span>
            <span className="visually-hidden">In </span>
            {account.email}
          </span>
        </span>
      ) : null}
      <span className="toolbar-spacer" />
      <button
        type="button"
        className="tool"
        onClick={onArchive}
        disabled={flags?.inInbox === false}
        title="Archive (E)"
      >
        Archive
      </button>
      <button type="button" className="tool" onClick={onToggleRead} disabled={!flags} title="Mark unread (Shift+U)">
        {flags?.unread ? 'Mark read' : 'Mark unread'}
      </button>
      <button
        type="button"
        className="tool"
        onClick={onToggleStar}
        disabled={!flags}
        aria-pressed={flags?.starred ?? false}
        title={flags?.starred ? 'Remove star (S)' : 'Star (S)'}
      >
        <StarIcon filled={flags?.starred ?? false} /> {flags?.starred ? 'Starred' : 'Star'}
      </button>
      <button type="button" className="tool" onClick={onOpenInGmail} title="Open this message in Gmail in your browser">
        Open in Gmail
      </button>
    </div>
  );
}

function MessageView({
  message,
  remoteContentSenders,
  onAlwaysShowRemote,
  onNotice,
  onError,
}: ReaderProps & { message: ParsedMessage }) {
  const sender = message.from?.address.toLowerCase() ?? '';
  const senderTrusted = sender !== '' && remoteContentSenders.includes(sender);
  const [showRemote, setShowRemote] = useState(false);
  const allowRemote = showRemote || senderTrusted;

  const cidUrls = useMemo(() => cidImageUrls(message.attachments), [message.attachments]);
  const sanitized = useMemo(
    () => (message.html === null ? null : sanitizeMailHtml(message.html, { allowRemoteImages: allowRemote, cidUrls })),
    [message.html, allowRemote, cidUrls],
  );
  const attachments = message.attachments.filter((attachment) => !attachment.inline);

  return (
    <div className="reader-body">
      <header className="message-header">
        <h1 className="message-subject">{message.subject.trim() || '(no subject)'}</h1>
        <div className="message-meta">
          <span className="avatar" aria-hidden="true">
            {initialOf(message.from?.name || message.from?.address || '?')}
          </span>
          <dl className="message-people">
            <div>
              <dt>From</dt>
              <dd data-field="from">{formatAddress(message.from)}</dd>
            </div>
            {message.to.length > 0 ? (
              <div>
                <dt>To</dt>
                <dd data-field="to">{message.to.map(formatAddress).join(', ')}</dd>
              </div>
            ) : null}
            {message.cc.length > 0 ? (
              <div>
                <dt>Cc</dt>
                <dd data-field="cc">{message.cc.map(formatAddress).join(', ')}</dd>
              </div>
            ) : null}
          </dl>
          {message.date ? (
            <time className="message-date" dateTime={message.date} data-field="date">
              {Number.isNaN(Date.parse(message.date)) ? message.date : exactDate(Date.parse(message.date))}
            </time>
          ) : null}
        </div>
      </header>

      {sanitized && sanitized.remoteImages > 0 && !allowRemote ? (
        <div className="remote-bar" role="region" aria-label="Remote images">
          <span>Remote images hidden to protect your privacy.</span>
          <button type="button" className="button small" onClick={() => setShowRemote(true)}>
            Show
          </button>
          {sender ? (
            <button type="button" className="link-button" onClick={() => onAlwaysShowRemote(sender)}>
              Always show from {sender}
            </button>
          ) : null}
        </div>
      ) : null}

      {attachments.length > 0 ? (
        <AttachmentList attachments={attachments} onNotice={onNotice} onError={onError} />
      ) : null}

      {sanitized ? (
        <iframe
          className="mail-frame"
          title="Message content"
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          srcDoc={mailFrameDocument(sanitized.html, allowRemote)}
          data-remote={allowRemote ? 'shown' : 'blocked'}
        />
      ) : (
        <PlainText text={message.text ?? ''} onError={onError} />
      )}
    </div>
  );
}

function formatAddress(address: ParsedAddress | null): string {
  if (!address) return 'Unknown sender';
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

function PlainText({ text, onError }: { text: string; onError: (error: IpcError) => void }) {
  const parts = useMemo(() => linkify(text), [text]);
  const open = async (href: string) => {
    const result = await window.glance.shell.openExternal(href);
    if (!result.ok) onError(result.error);
  };
  return (
    <div className="plain-body" data-testid="plain-body">
      {text.trim() === '' ? <p className="muted">This message has no text.</p> : null}
      {parts.map((part, index) =>
        part.kind === 'text' ? (
          <span key={index}>{part.text}</span>
        ) : (
          <a
            key={index}
            href={part.href}
            rel="noopener noreferrer"
            onClick={(event) => {
              event.preventDefault();
              void open(part.href);
            }}
          >
            {part.text}
          </a>
        ),
      )}
    </div>
  );
}

function AttachmentList({
  attachments,
  onNotice,
  onError,
}: {
  attachments: ParsedAttachment[];
  onNotice: (text: string) => void;
  onError: (error: IpcError) => void;
}) {
  const [saving, setSaving] = useState<string | null>(null);
  const save = async (attachment: ParsedAttachment, key: string) => {
    if (attachment.contentBase64.length > MAX_SAVE_BASE64) {
      onNotice(`${attachment.filename} is too large to save from Glance — use Open in Gmail to download it.`);
      return;
    }
    setSaving(key);
    try {
      const result = await window.glance.attachment.save({
        filename: attachment.filename,
        mimeType: attachment.mimeType,
        contentBase64: attachment.contentBase64,
      });
      if (!result.ok) {
        if (result.error.code !== 'CANCELLED') onError(result.error);
      } else if (result.value !== null) {
        onNotice(`Saved ${attachment.filename}`);
      }
    } finally {
      setSaving(null);
    }
  };
  return (
    <ul className="attachments" aria-label="Attachments">
      {attachments.map((attachment, index) => {
        const key = `${index}-${attachment.filename}`;
        return (
          <li key={key} className="attachment">
            <span className="attachment-icon" aria-hidden="true">
              {extensionOf(attachment.filename)}
            </span>
            <span className="attachment-text">
              <span className="attachment-name" title={attachment.filename}>
                {attachment.filename}
              </span>
              <span className="attachment-meta">
                {attachment.mimeType} · {fileSize(attachment.size)}
              </span>
            </span>
            <button
              type="button"
              className="button small"
              disabled={saving === key}
              onClick={() => void save(attachment, key)}
              aria-label={`Save ${attachment.filename}`}
            >
              {saving === key ? 'Saving…' : 'Save…'}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The contract's limit for `attachment:save` (base64 characters). */
const MAX_SAVE_BASE64 = 64 * 1024 * 1024;

function extensionOf(filename: string): string {
  const match = filename.match(/\.([a-z0-9]{1,4})$/i);
  return match?.[1] ? match[1].toUpperCase() : 'FILE';
}
