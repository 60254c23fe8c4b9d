import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation, IpcError, MessageSummary } from '../../../electron/shared/ipc-contract.js';
import type { AccountMarkInfo } from '../accounts/account-marks.js';
import { GlanceCallError, adviceFor, asIpcError, unwrap } from '../shared/errors.js';
import { exactDate, shortDate } from '../shared/format.js';
import { MessageView, type MessageViewProps } from './MessageView.js';
import { ReaderToolbar, type ReaderActions, type ReaderFlags } from './ReaderToolbar.js';
import { useMessageContent } from './useMessageContent.js';
import { useReaderAnnouncement } from './useReaderAnnouncement.js';

/** What the keyboard's n and p do to the open conversation. */
export interface ConversationNavigation {
  /** Moves to the next (1) or previous (-1) message of the conversation and expands it. */
  step: (direction: 1 | -1) => void;
}

/** What every open message of the conversation shares; its own id, content and "show whole" come per message. */
type ContentProps = Omit<MessageViewProps, 'message' | 'messageId' | 'onShowWhole'>;

interface ConversationReaderProps extends ReaderActions, ContentProps {
  accountId: string;
  threadId: string;
  /** The conversation's flags as the list shows them; null to take them from the loaded conversation. */
  flags: ReaderFlags | null;
  account: AccountMarkInfo | null;
  now: number;
  /** `conversation:get` answered: its messages (the caller keeps them for the row and marks it read). */
  onConversation: (conversation: Conversation) => void;
  /** One message's content loaded (its labels as Gmail has them). */
  onMessageLoaded: (messageId: string, labelIds: string[]) => void;
  navigationRef: RefObject<ConversationNavigation | null>;
}

type LoadState =
  { status: 'loading' } | { status: 'ready'; conversation: Conversation } | { status: 'error'; error: IpcError };

/** Unread messages open, read ones folded to a line; with nothing unread, the newest one open (as Gmail does). */
function initiallyExpanded(messages: readonly MessageSummary[]): Set<string> {
  const unread = messages.filter((message) => message.unread).map((message) => message.id);
  const newest = messages.at(-1);
  return new Set(unread.length > 0 ? unread : newest ? [newest.id] : []);
}

function flagsOf(messages: readonly MessageSummary[]): ReaderFlags {
  return {
    unread: messages.some((message) => message.unread),
    starred: messages.some((message) => message.starred),
    inInbox: messages.some((message) => message.inInbox),
  };
}

/**
 * One conversation, oldest message first: one `conversation:get` when it opens, then each expanded message's
 * content through the same path and the same safe view (sanitized, sandboxed, remote content blocked) as a
 * single message.
 */
export function ConversationReader(props: ConversationReaderProps) {
  const { t } = useTranslation('reader');
  const { accountId, threadId, onConversation, navigationRef } = props;
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [current, setCurrent] = useState<string | null>(null);
  const onConversationRef = useRef(onConversation);
  useEffect(() => {
    onConversationRef.current = onConversation;
  });

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const conversation = await unwrap(window.glance.conversation.get(accountId, threadId));
        if (cancelled) return;
        const open = initiallyExpanded(conversation.messages);
        setExpanded(open);
        // Start at the oldest unread message: where reading picks up.
        setCurrent(conversation.messages.find((message) => open.has(message.id))?.id ?? null);
        setLoad({ status: 'ready', conversation });
        onConversationRef.current(conversation);
      } catch (thrown) {
        if (!(thrown instanceof GlanceCallError))
          console.error(
            'Glance: could not show a conversation:',
            thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : typeof thrown,
          );
        if (!cancelled) setLoad({ status: 'error', error: asIpcError(thrown) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [accountId, threadId, attempt]);

  const messages = load.status === 'ready' ? load.conversation.messages : [];
  useReaderAnnouncement(load.status === 'ready' ? load.conversation : null);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    navigationRef.current = {
      step: (direction) => {
        if (messages.length === 0) return;
        const index = messages.findIndex((message) => message.id === current);
        const next = messages[Math.min(messages.length - 1, Math.max(0, (index < 0 ? 0 : index) + direction))];
        if (!next) return;
        setCurrent(next.id);
        setExpanded((open) => (open.has(next.id) ? open : new Set(open).add(next.id)));
      },
    };
    return () => {
      navigationRef.current = null;
    };
  });
  useEffect(() => {
    if (current === null) return;
    const element = listRef.current?.querySelector<HTMLElement>(`[data-message-id="${current}"]`);
    element?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  const flags = props.flags ?? (messages.length > 0 ? flagsOf(messages) : null);
  const newest = messages.at(-1);
  return (
    <article
      className="reader conversation-reader"
      aria-label={t('conversation')}
      data-reader-state={load.status}
      data-open-thread-id={threadId}
      data-open-account-id={accountId}
    >
      <ReaderToolbar {...props} flags={flags} />
      {load.status === 'loading' ? (
        <div className="reader-loading" role="status">
          <div className="sk sk-line" style={{ width: '55%', height: 22 }} />
          <div className="sk sk-line" style={{ width: '35%' }} />
          <div className="sk sk-block" />
        </div>
      ) : load.status === 'error' ? (
        <div className="state-panel" role="alert">
          <h2>{adviceFor(load.error).title}</h2>
          <p>{adviceFor(load.error).detail}</p>
          <button type="button" className="button" onClick={() => setAttempt((value) => value + 1)}>
            {t('tryAgain')}
          </button>
        </div>
      ) : (
        <div className="conversation-messages" ref={listRef}>
          <h1 className="conversation-subject" dir="auto">
            {newest?.subject.trim() || t('noSubject')}
          </h1>
          {load.conversation.fromCache ? (
            <p className="conversation-note" role="status" data-conversation-source="local">
              {t('conversationView.fromCache')}
            </p>
          ) : null}
          {messages.map((message) =>
            expanded.has(message.id) ? (
              <ExpandedMessage
                key={message.id}
                accountId={accountId}
                summary={message}
                current={message.id === current}
                onLoaded={props.onMessageLoaded}
                view={props}
              />
            ) : (
              <button
                key={message.id}
                type="button"
                className="conversation-collapsed"
                data-message-id={message.id}
                data-expanded="false"
                data-current={message.id === current || undefined}
                aria-expanded="false"
                // The label holds the line's visible text, in order (label in name), then what a click does.
                aria-label={t('conversationView.collapsedLabel', {
                  sender: message.from.name.trim() || message.from.address,
                  snippet: message.snippet,
                  date: shortDate(message.date, props.now),
                })}
                title={exactDate(message.date)}
                onClick={() => {
                  setCurrent(message.id);
                  setExpanded((open) => new Set(open).add(message.id));
                }}
              >
                <span className="collapsed-sender" dir="auto">
                  {message.from.name.trim() || message.from.address}
                </span>{' '}
                <span className="collapsed-snippet" dir="auto">
                  {message.snippet}
                </span>{' '}
                <time className="collapsed-date" dateTime={new Date(message.date).toISOString()}>
                  {shortDate(message.date, props.now)}
                </time>
              </button>
            ),
          )}
        </div>
      )}
    </article>
  );
}

interface ExpandedMessageProps {
  accountId: string;
  summary: MessageSummary;
  current: boolean;
  onLoaded: (messageId: string, labelIds: string[]) => void;
  view: ContentProps;
}

/** One open message of the conversation: its content from `message:get`, shown by the reader's MessageView. */
function ExpandedMessage({ accountId, summary, current, onLoaded, view }: ExpandedMessageProps) {
  const { t } = useTranslation('reader');
  const { current: content, retry, showWhole } = useMessageContent(accountId, summary.id, onLoaded);
  return (
    <section
      className="conversation-message"
      aria-label={t('conversationView.messageFrom', { sender: summary.from.name.trim() || summary.from.address })}
      data-message-id={summary.id}
      data-expanded="true"
      data-current={current || undefined}
      data-reader-state={content.status}
    >
      {content.status === 'loading' ? (
        <div className="reader-loading" role="status">
          <div className="sk sk-line" style={{ width: '35%' }} />
          <div className="sk sk-block" />
        </div>
      ) : content.status === 'error' ? (
        <div className="state-panel" role="alert">
          <h2>{adviceFor(content.error).title}</h2>
          <p>{adviceFor(content.error).detail}</p>
          <button type="button" className="button" onClick={retry}>
            {t('tryAgain')}
          </button>
        </div>
      ) : (
        <MessageView {...view} message={content.message} messageId={summary.id} onShowWhole={showWhole} />
      )}
    </section>
  );
}
