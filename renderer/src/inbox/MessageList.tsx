import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { formatSenders, type ConversationRow } from '../../../electron/shared/conversations.js';
import type { IpcError, MessageSummary } from '../../../electron/shared/ipc-contract.js';
import { exactDate, shortDate } from '../shared/format.js';
import { adviceFor } from '../shared/errors.js';
import { AccountMark } from '../accounts/AccountMark.js';
import { currentLocale, i18n } from '../i18n/i18n.js';
import type { AccountMarkInfo } from '../accounts/account-marks.js';
import { sameConversation, sameMessage } from './useSelection.js';
import type { ConversationRef, MessageRef } from './useSelection.js';

export const ROW_HEIGHT = 84;

export interface MessageListProps {
  label: string;
  items: readonly MessageSummary[];
  hasMore: boolean;
  loadingMore: boolean;
  moreError: IpcError | null;
  selected: MessageRef | null;
  open: MessageRef | null;
  /** Set when rows come from several accounts: each row then carries its account's mark. */
  marks: ReadonlyMap<string, AccountMarkInfo> | null;
  /** Search results: each row says whether it was found on this computer or by Gmail (its `origin`). */
  showOrigin?: boolean;
  onSelect: (ref: MessageRef, open: boolean) => void;
  onLoadMore: () => void;
  now: number;
  /** Set in conversation mode: one row per conversation instead of `items`. */
  conversations?: ConversationListProps | null;
}

export interface ConversationListProps {
  rows: readonly ConversationRow[];
  selected: ConversationRef | null;
  open: ConversationRef | null;
  onSelect: (ref: ConversationRef, open: boolean) => void;
}

/** The selected row's place in the viewport, kept so a switch of list mode can put its new row there. */
interface ScrollAnchor {
  mode: 'conversations' | 'messages';
  index: number;
  offset: number;
}

/**
 * The virtualized message list: only the rows in view (plus a few) are in the DOM, so 10,000 unread
 * cost the same as 50. Further pages load when the last rows come into view.
 */
export function MessageList(props: MessageListProps) {
  const { t } = useTranslation('inbox');
  const { label, items, hasMore, loadingMore, moreError, selected, open, marks, onSelect, onLoadMore, now } = props;
  const conversations = props.conversations ?? null;
  const mode = conversations ? 'conversations' : 'messages';
  const rowCount = conversations ? conversations.rows.length : items.length;
  const showOrigin = props.showOrigin ?? false;
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual is the virtualizer we use; React Compiler just skips memoizing this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount + (hasMore || moreError ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 400, height: 800 },
    getItemKey: (index) => {
      const row = conversations?.rows[index];
      if (row) return `${row.accountId}/thread/${row.threadId}`;
      const message = conversations ? undefined : items[index];
      return message ? `${message.accountId}/${message.id}` : '__more__';
    },
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && !moreError && lastIndex >= rowCount - 8) onLoadMore();
  }, [hasMore, loadingMore, moreError, lastIndex, rowCount, onLoadMore]);

  const selectedIndex = conversations
    ? conversations.selected === null
      ? -1
      : conversations.rows.findIndex((row) => sameConversation(row, conversations.selected))
    : selected === null
      ? -1
      : items.findIndex((message) => sameMessage(message, selected));
  const selectedAccount = conversations ? conversations.selected?.accountId : selected?.accountId;
  const selectedSelector = conversations
    ? `[data-thread-id="${conversations.selected?.threadId}"]`
    : `[data-message-id="${selected?.id}"]`;

  // Switching between conversation and message rows keeps the selected row where it was in the viewport
  // (or, with nothing selected, the scroll position as it is).
  const anchor = useRef<ScrollAnchor | null>(null);
  const restoring = useRef<ScrollAnchor | null>(null);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (anchor.current && anchor.current.mode !== mode) restoring.current = anchor.current;
    const pending = restoring.current;
    if (pending && pending.index >= 0 && selectedIndex >= 0) {
      element.scrollTop = Math.max(0, selectedIndex * ROW_HEIGHT - pending.offset);
      restoring.current = null;
    } else if (pending && pending.index < 0) {
      restoring.current = null;
    }
    anchor.current = { mode, index: selectedIndex, offset: selectedIndex * ROW_HEIGHT - element.scrollTop };
  });
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onScroll = () => {
      if (anchor.current)
        anchor.current = { ...anchor.current, offset: anchor.current.index * ROW_HEIGHT - element.scrollTop };
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, []);

  useEffect(() => {
    if (selectedIndex < 0 || restoring.current) return;
    // Only when the row is out of sight: the virtualizer's idea of the scroll position can lag behind a
    // position just restored after a switch of list mode.
    const scroller = scrollRef.current;
    const top = selectedIndex * ROW_HEIGHT;
    if (!scroller || top < scroller.scrollTop || top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight)
      virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    // Focus follows the selection (roving tabindex) unless the person is busy elsewhere, e.g. typing.
    const active = document.activeElement;
    if (active === null || active === document.body || scrollRef.current?.contains(active)) {
      const row = scrollRef.current?.querySelector<HTMLElement>(
        `[data-account-id="${selectedAccount}"]${selectedSelector}`,
      );
      row?.focus({ preventScroll: true });
    }
  }, [selectedIndex, selectedAccount, selectedSelector, virtualizer]);

  // A listbox of the loaded rows: each says its place among them (posinset) and how many there are
  // (setsize, -1 while more pages remain), since only a screenful of them is in the DOM.
  const setSize = hasMore || moreError ? -1 : rowCount;
  const moreRow = virtualItems.find((row) => row.index >= rowCount);
  return (
    <div className="list-scroll" ref={scrollRef} data-testid="message-list-scroll">
      <div
        role="listbox"
        aria-label={label}
        aria-busy={loadingMore}
        className="list-inner"
        style={{ height: virtualizer.getTotalSize() }}
        data-count={rowCount}
        data-list-mode={mode}
      >
        {virtualItems.map((row) => {
          const conversation = conversations?.rows[row.index];
          if (conversations && conversation) {
            return (
              <ConversationRowView
                key={row.key}
                index={row.index}
                setSize={setSize}
                conversation={conversation}
                top={row.start}
                height={row.size}
                selected={row.index === selectedIndex}
                tabbable={row.index === selectedIndex || (selectedIndex < 0 && row.index === 0)}
                open={sameConversation(conversation, conversations.open)}
                mark={marks?.get(conversation.accountId) ?? null}
                onSelect={conversations.onSelect}
                now={now}
              />
            );
          }
          const message = conversations ? undefined : items[row.index];
          if (!message) return null;
          return (
            <MessageRow
              key={row.key}
              index={row.index}
              setSize={setSize}
              message={message}
              top={row.start}
              height={row.size}
              selected={row.index === selectedIndex}
              tabbable={row.index === selectedIndex || (selectedIndex < 0 && row.index === 0)}
              open={sameMessage(message, open)}
              mark={marks?.get(message.accountId) ?? null}
              showOrigin={showOrigin}
              onSelect={onSelect}
              now={now}
            />
          );
        })}
      </div>
      {moreRow ? (
        // Outside the listbox (it holds only mail rows), placed where the next row will be.
        <div
          key={moreRow.key}
          className="list-more"
          style={{ transform: `translateY(${moreRow.start}px)`, height: moreRow.size }}
        >
          {moreError?.code === 'RATE_LIMITED' && moreError.retryAt !== undefined ? (
            <QuotaWait retryAt={moreError.retryAt} onOver={onLoadMore} />
          ) : moreError ? (
            <span>
              {t('list.moreFailed', { problem: adviceFor(moreError).title })}{' '}
              <button type="button" className="link-button" onClick={onLoadMore}>
                {t('list.retry')}
              </button>
            </span>
          ) : (
            <span className="muted">{t('list.loadingMore')}</span>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** Where a row sits in the virtual list and how it shows (selection, focus, its account's mark). */
interface RowPlace {
  index: number;
  /** aria-setsize: the number of rows, or -1 while more pages remain. */
  setSize: number;
  top: number;
  height: number;
  selected: boolean;
  tabbable: boolean;
  open: boolean;
  mark: AccountMarkInfo | null;
}

/**
 * One option of the list box, message or conversation: selection follows focus (roving tabindex), a click
 * opens. `label` holds the row's visible text whole (WCAG 2.5.3); `data` names what the row is.
 */
function ListRow(props: {
  place: RowPlace;
  label: string;
  unread: boolean;
  data: Record<`data-${string}`, string | number | undefined>;
  onSelect: (open: boolean) => void;
  children: ReactNode;
}) {
  const { index, setSize, top, height, selected, tabbable, open, mark } = props.place;
  return (
    <div
      role="option"
      className="row"
      {...props.data}
      data-index={index}
      data-unread={props.unread || undefined}
      data-selected={selected || undefined}
      data-open={open || undefined}
      aria-selected={selected}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      aria-label={props.label}
      tabIndex={tabbable ? 0 : -1}
      onFocus={() => {
        if (!selected) props.onSelect(false);
      }}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => props.onSelect(true)}
    >
      <span className="row-dot" aria-hidden="true" />
      {mark ? <AccountMark mark={mark} decorative /> : null}
      {props.children}
    </div>
  );
}

interface MessageRowProps extends RowPlace {
  message: MessageSummary;
  showOrigin: boolean;
  onSelect: (ref: MessageRef, open: boolean) => void;
  now: number;
}

/** Where a search result was found, as its row says it. */
export function originLabel(origin: 'local' | 'gmail'): string {
  return i18n.t(origin === 'local' ? 'inbox:row.originLocal' : 'inbox:row.originGmail');
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function MessageRow(props: MessageRowProps) {
  const { t } = useTranslation('inbox');
  const { message, mark, showOrigin, onSelect, now } = props;
  const origin = showOrigin ? message.origin : undefined;
  const ref = { accountId: message.accountId, id: message.id };
  const sender = message.from.name.trim() || message.from.address || t('row.unknownSender');
  const subject = message.subject.trim() || t('row.noSubject');
  const shownOrigin = origin ? originLabel(origin) : '';
  const snippet = message.snippet.trim();
  // The row's visible text, in its order (sender, where found, date, subject, snippet), sits whole inside
  // its label, so a voice-control user can say what they see (WCAG 2.5.3); the states it shows come first.
  const description = t('row.messageLabel', {
    unread: yesNo(message.unread),
    starred: yesNo(message.starred),
    attachment: yesNo(message.hasAttachments),
    sender,
    hasOrigin: yesNo(shownOrigin !== ''),
    origin: shownOrigin,
    date: shortDate(message.date, now),
    subject,
    hasSnippet: yesNo(snippet !== ''),
    snippet,
    hasAccount: yesNo(mark !== null),
    account: mark?.email ?? '',
  });
  return (
    <ListRow
      place={props}
      label={description}
      unread={message.unread}
      data={{ 'data-message-id': message.id, 'data-account-id': message.accountId, 'data-origin': origin }}
      onSelect={(opening) => onSelect(ref, opening)}
    >
      {/* Said by the option's label (options' content is presentational); hidden so it is not said twice. */}
      <div className="row-main" aria-hidden="true">
        <div className="row-top">
          <span className="row-sender" dir="auto" title={message.from.address}>
            {sender}
          </span>{' '}
          {/* The spaces (not rendered between flex items) keep the words apart in the row's text. */}
          {origin ? (
            // Said in the row's label for screen readers; this is the visible half.
            <span className={`row-origin origin-${origin}`} aria-hidden="true" title={shownOrigin}>
              {shownOrigin}
            </span>
          ) : null}{' '}
          <RowMarksAndDate row={message} now={now} />
        </div>{' '}
        <RowLines subject={subject} snippet={message.snippet} />
      </div>
    </ListRow>
  );
}

/** The end of a row's top line, message or conversation alike: its marks and its date. */
function RowMarksAndDate({
  row,
  now,
}: {
  row: { hasAttachments: boolean; starred: boolean; date: number };
  now: number;
}) {
  return (
    <>
      <span className="row-marks" aria-hidden="true">
        {row.hasAttachments ? <PaperclipIcon /> : null}
        {row.starred ? <StarIcon filled /> : null}
      </span>{' '}
      <time className="row-date" dateTime={new Date(row.date).toISOString()} title={exactDate(row.date)}>
        {shortDate(row.date, now)}
      </time>
    </>
  );
}

/** A row's subject and snippet lines; mail keeps its own direction. */
function RowLines({ subject, snippet }: { subject: string; snippet: string }) {
  return (
    <>
      <div className="row-subject" dir="auto">
        {subject}
      </div>{' '}
      <div className="row-snippet" dir="auto">
        {snippet}
      </div>
    </>
  );
}

interface ConversationRowProps extends RowPlace {
  conversation: ConversationRow;
  onSelect: (ref: ConversationRef, open: boolean) => void;
  now: number;
}

/** One conversation: its unread senders and count, the newest unread subject and snippet, the newest date. */
function ConversationRowView(props: ConversationRowProps) {
  const { t } = useTranslation('inbox');
  const { conversation, mark, onSelect, now } = props;
  const ref = { accountId: conversation.accountId, threadId: conversation.threadId };
  const unread = conversation.unreadCount > 0;
  const senders = sendersText(conversation) || t('row.unknownSender');
  const subject = conversation.subject.trim() || t('row.noSubject');
  const snippet = conversation.snippet.trim();
  // As for message rows: the visible text, in its order, sits whole inside the label (WCAG 2.5.3).
  const description = t('row.conversationLabel', {
    unread: conversation.unreadCount,
    starred: yesNo(conversation.starred),
    attachment: yesNo(conversation.hasAttachments),
    messages: conversation.messageCount,
    senders,
    date: shortDate(conversation.date, now),
    subject,
    hasSnippet: yesNo(snippet !== ''),
    snippet,
    hasAccount: yesNo(mark !== null),
    account: mark?.email ?? '',
  });
  return (
    <ListRow
      place={props}
      label={description}
      unread={unread}
      data={{
        'data-thread-id': conversation.threadId,
        'data-account-id': conversation.accountId,
        'data-message-count': conversation.messageCount,
      }}
      onSelect={(opening) => onSelect(ref, opening)}
    >
      {/* Said by the option's label (options' content is presentational); hidden so it is not said twice. */}
      <div className="row-main" aria-hidden="true">
        <div className="row-top">
          <span className="row-sender" dir="auto" data-field="senders">
            {senders}
          </span>{' '}
          <RowMarksAndDate row={conversation} now={now} />
        </div>{' '}
        <RowLines subject={subject} snippet={conversation.snippet} />
      </div>
    </ListRow>
  );
}

/**
 * The sender column in the window's language: names listed as the locale lists them ("Alex, Sam und Kim"),
 * the conversation's size after them.
 */
export function sendersText(row: Pick<ConversationRow, 'unreadSenders' | 'messageCount'>): string {
  const list = new Intl.ListFormat(currentLocale(), { type: 'unit', style: 'short' });
  return formatSenders(row.unreadSenders, row.messageCount, {
    list: (names) => list.format(names),
    elided: (first, rest) => i18n.t('inbox:row.sendersElided', { first, rest }),
    withCount: (senders, count) => i18n.t('inbox:row.sendersWithCount', { senders, count }),
  });
}

export function StarIcon({ filled }: { filled: boolean }) {
  return (
    <svg
      className={filled ? 'icon icon-star filled' : 'icon icon-star'}
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
    >
      <path d="M8 1.6l1.9 4 4.4.5-3.3 3 .9 4.3L8 11.2 4.1 13.4 5 9.1 1.7 6.1l4.4-.5z" />
    </svg>
  );
}

export function PaperclipIcon() {
  return (
    <svg className="icon icon-clip" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path
        d="M10.5 4.5 5.6 9.4a1.3 1.3 0 0 0 1.8 1.8l5-5a2.6 2.6 0 0 0-3.7-3.7l-5 5a3.9 3.9 0 0 0 5.5 5.5l4.2-4.2"
        fill="none"
        strokeWidth="1.3"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** Placeholder rows while the first page loads. */
export function SkeletonRows({ count = 8 }: { count?: number }) {
  return (
    <div className="list-scroll" aria-hidden="true" data-testid="skeleton">
      {Array.from({ length: count }, (_, index) => (
        <div className="row skeleton" key={index} style={{ height: ROW_HEIGHT }}>
          <span className="row-dot" />
          {/* Said by the option's label (options' content is presentational); hidden so it is not said twice. */}
          <div className="row-main" aria-hidden="true">
            <div className="sk sk-line" style={{ width: `${40 + ((index * 17) % 30)}%` }} />
            <div className="sk sk-line" style={{ width: `${60 + ((index * 11) % 30)}%` }} />
            <div className="sk sk-line faint" style={{ width: `${70 + ((index * 7) % 25)}%` }} />
          </div>
        </div>
      ))}
    </div>
  );
}

/** "42 s" under a minute and a half, else whole minutes. */
export function waitPhrase(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return seconds < 90
    ? i18n.t('inbox:list.waitSeconds', { seconds })
    : i18n.t('inbox:list.waitMinutes', { minutes: Math.ceil(seconds / 60) });
}

/**
 * The next page must wait for Gmail's quota (Google's, or the budget Glance keeps under it): say why and for
 * how long, counting down, and fetch it as soon as the wait is over — never a silent "Loading more…".
 */
function QuotaWait({ retryAt, onOver }: { retryAt: number; onOver: () => void }) {
  const { t } = useTranslation('inbox');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const over = now >= retryAt;
  useEffect(() => {
    if (over) onOver();
  }, [over, onOver]);
  return (
    <span className="muted" role="status" data-quota-wait-until={retryAt}>
      {t('list.quotaWait', { wait: waitPhrase(retryAt - now) })}
    </span>
  );
}
