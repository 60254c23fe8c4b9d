import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { IpcError, MessageSummary } from '../../../electron/shared/ipc-contract.js';
import { exactDate, shortDate } from '../shared/format.js';
import { adviceFor } from '../shared/errors.js';
import { AccountMark } from '../accounts/AccountMark.js';
import type { AccountMarkInfo } from '../accounts/account-marks.js';
import { sameMessage } from './useSelection.js';
import type { MessageRef } from './useSelection.js';

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
}

/**
 * The virtualized message list: only the rows in view (plus a few) are in the DOM, so 10,000 unread
 * cost the same as 50. Further pages load when the last rows come into view.
 */
export function MessageList(props: MessageListProps) {
  const { label, items, hasMore, loadingMore, moreError, selected, open, marks, onSelect, onLoadMore, now } = props;
  const showOrigin = props.showOrigin ?? false;
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual is the virtualizer we use; React Compiler just skips memoizing this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length + (hasMore || moreError ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 400, height: 800 },
    getItemKey: (index) => {
      const message = items[index];
      return message ? `${message.accountId}/${message.id}` : '__more__';
    },
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && !moreError && lastIndex >= items.length - 8) onLoadMore();
  }, [hasMore, loadingMore, moreError, lastIndex, items.length, onLoadMore]);

  const selectedIndex = selected === null ? -1 : items.findIndex((message) => sameMessage(message, selected));
  const selectedAccount = selected?.accountId;
  const selectedId = selected?.id;
  useEffect(() => {
    if (selectedIndex < 0) return;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    // Focus follows the selection (roving tabindex) unless the person is busy elsewhere, e.g. typing.
    const active = document.activeElement;
    if (active === null || active === document.body || scrollRef.current?.contains(active)) {
      const row = scrollRef.current?.querySelector<HTMLElement>(
        `[data-account-id="${selectedAccount}"][data-message-id="${selectedId}"]`,
      );
      row?.focus({ preventScroll: true });
    }
  }, [selectedIndex, selectedAccount, selectedId, virtualizer]);

  // A listbox of the loaded rows: each says its place among them (posinset) and how many there are
  // (setsize, -1 while more pages remain), since only a screenful of them is in the DOM.
  const setSize = hasMore || moreError ? -1 : items.length;
  const moreRow = virtualItems.find((row) => items[row.index] === undefined);
  return (
    <div className="list-scroll" ref={scrollRef} data-testid="message-list-scroll">
      <div
        role="listbox"
        aria-label={label}
        aria-busy={loadingMore}
        className="list-inner"
        style={{ height: virtualizer.getTotalSize() }}
        data-count={items.length}
      >
        {virtualItems.map((row) => {
          const message = items[row.index];
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
        // Outside the listbox (it holds only messages), placed where the next row will be.
        <div
          key={moreRow.key}
          className="list-more"
          style={{ transform: `translateY(${moreRow.start}px)`, height: moreRow.size }}
        >
          {moreError ? (
            <span>
              {adviceFor(moreError).title}.{' '}
              <button type="button" className="link-button" onClick={onLoadMore}>
                Retry
              </button>
            </span>
          ) : (
            <span className="muted">Loading more…</span>
          )}
        </div>
      ) : null}
    </div>
  );
}

interface MessageRowProps {
  index: number;
  /** aria-setsize: the number of rows, or -1 while more pages remain. */
  setSize: number;
  message: MessageSummary;
  top: number;
  height: number;
  selected: boolean;
  tabbable: boolean;
  open: boolean;
  mark: AccountMarkInfo | null;
  showOrigin: boolean;
  onSelect: (ref: MessageRef, open: boolean) => void;
  now: number;
}

export const ORIGIN_LABEL = { local: 'On this computer', gmail: 'From Gmail' } as const;

function MessageRow(props: MessageRowProps) {
  const { index, setSize, message, top, height, selected, tabbable, open, mark, showOrigin, onSelect, now } = props;
  const origin = showOrigin ? message.origin : undefined;
  const ref = { accountId: message.accountId, id: message.id };
  const sender = message.from.name.trim() || message.from.address || 'Unknown sender';
  const subject = message.subject.trim() || '(no subject)';
  // The row's visible text, in its order (sender, where found, date, subject, snippet), sits whole inside
  // its label, so a voice-control user can say what they see (WCAG 2.5.3); the states it shows come first.
  const description = [
    message.unread ? 'Unread' : null,
    message.starred ? 'Starred' : null,
    message.hasAttachments ? 'Has attachment' : null,
    `from ${sender}`,
    origin ? ORIGIN_LABEL[origin] : null,
    shortDate(message.date, now),
    subject,
    message.snippet.trim() || null,
    mark ? `in ${mark.email}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div
      role="option"
      className="row"
      data-message-id={message.id}
      data-account-id={message.accountId}
      data-index={index}
      data-unread={message.unread || undefined}
      data-origin={origin}
      data-selected={selected || undefined}
      data-open={open || undefined}
      aria-selected={selected}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      aria-label={description}
      tabIndex={tabbable ? 0 : -1}
      onFocus={() => {
        if (!selected) onSelect(ref, false);
      }}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => onSelect(ref, true)}
    >
      <span className="row-dot" aria-hidden="true" />
      {mark ? <AccountMark mark={mark} decorative /> : null}
      {/* Said by the option's label (options' content is presentational); hidden so it is not said twice. */}
      <div className="row-main" aria-hidden="true">
        <div className="row-top">
          <span className="row-sender" title={message.from.address}>
            {sender}
          </span>{' '}
          {/* The spaces (not rendered between flex items) keep the words apart in the row's text. */}
          {origin ? (
            // Said in the row's label for screen readers; this is the visible half.
            <span className={`row-origin origin-${origin}`} aria-hidden="true" title={ORIGIN_LABEL[origin]}>
              {ORIGIN_LABEL[origin]}
            </span>
          ) : null}{' '}
          <span className="row-marks" aria-hidden="true">
            {message.hasAttachments ? <PaperclipIcon /> : null}
            {message.starred ? <StarIcon filled /> : null}
          </span>{' '}
          <time className="row-date" dateTime={new Date(message.date).toISOString()} title={exactDate(message.date)}>
            {shortDate(message.date, now)}
          </time>
        </div>{' '}
        <div className="row-subject">{subject}</div> <div className="row-snippet">{message.snippet}</div>
      </div>
    </div>
  );
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
