import { useState } from 'react';
import { exactDate, initialOf } from '../shared/format.js';
import type { ParsedAddress, ParsedMessage } from './parse.js';

/** Recipients shown before "and N others". */
export const RECIPIENTS_SHOWN = 3;
/** Recipients each "Show more" adds to the expanded list (a list of 5,000 is shown page by page). */
export const RECIPIENTS_PAGE = 100;

function formatAddress(address: ParsedAddress | null): string {
  if (!address) return 'Unknown sender';
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

const count = new Intl.NumberFormat('en-US');

/**
 * A To or Cc line; none when the message has no such recipient. A long list shows its first few, then
 * "and 4,998 others", which opens a scrolling list one page at a time; the main process sends at most
 * 1,000 recipients per field, and says how many the header names.
 */
function RecipientsRow({
  label,
  field,
  people,
  total,
}: {
  label: string;
  field: string;
  people: ParsedAddress[];
  /** How many the header names (more than `people.length` when the list was cut). */
  total: number;
}) {
  const [shown, setShown] = useState(RECIPIENTS_SHOWN);
  if (people.length === 0) return null;
  const all = Math.max(total, people.length);
  const collapsed = shown <= RECIPIENTS_SHOWN;
  const visible = people.slice(0, shown);
  const others = all - visible.length;
  const notSent = all - people.length;
  return (
    <div>
      <dt>{label}</dt>
      <dd data-field={field} data-recipient-count={all} dir="auto">
        {collapsed ? (
          <span className="recipients-inline">{visible.map(formatAddress).join(', ')}</span>
        ) : (
          <ul className="recipient-list" aria-label={`${label} recipients`}>
            {visible.map((person, index) => (
              <li key={index}>{formatAddress(person)}</li>
            ))}
          </ul>
        )}
        {visible.length < people.length ? (
          <button
            type="button"
            className="link-button recipients-more"
            aria-expanded={!collapsed}
            onClick={() => setShown((value) => (value <= RECIPIENTS_SHOWN ? RECIPIENTS_PAGE : value + RECIPIENTS_PAGE))}
          >
            {collapsed
              ? ` and ${count.format(others)} ${others === 1 ? 'other' : 'others'}`
              : `Show ${count.format(Math.min(RECIPIENTS_PAGE, people.length - visible.length))} more`}
          </button>
        ) : null}
        {!collapsed && visible.length === people.length && notSent > 0 ? (
          <span className="recipients-note">
            {' '}
            and {count.format(notSent)} more not shown here — open the message in Gmail to see every recipient.
          </span>
        ) : null}
      </dd>
    </div>
  );
}

/** Subject, sender, recipients and the exact date (as written when the date does not parse). */
export function MessageHeader({ message }: { message: ParsedMessage }) {
  return (
    <header className="message-header">
      <h1 className="message-subject" dir="auto">
        {message.subject.trim() || '(no subject)'}
      </h1>
      <div className="message-meta">
        <span className="avatar" aria-hidden="true">
          {initialOf(message.from?.name || message.from?.address || '?')}
        </span>
        <dl className="message-people">
          <div>
            <dt>From</dt>
            <dd data-field="from" dir="auto">
              {formatAddress(message.from)}
            </dd>
          </div>
          <RecipientsRow label="To" field="to" people={message.to} total={message.toCount ?? message.to.length} />
          <RecipientsRow label="Cc" field="cc" people={message.cc} total={message.ccCount ?? message.cc.length} />
        </dl>
        {message.date ? (
          <time className="message-date" dateTime={message.date} data-field="date">
            {Number.isNaN(Date.parse(message.date)) ? message.date : exactDate(Date.parse(message.date))}
          </time>
        ) : null}
      </div>
    </header>
  );
}
