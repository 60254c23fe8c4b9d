import { exactDate, initialOf } from '../shared/format.js';
import type { ParsedAddress, ParsedMessage } from './parse.js';

function formatAddress(address: ParsedAddress | null): string {
  if (!address) return 'Unknown sender';
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

/** A To or Cc line; none when the message has no such recipient. */
function RecipientsRow({ label, field, people }: { label: string; field: string; people: ParsedAddress[] }) {
  if (people.length === 0) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd data-field={field}>{people.map(formatAddress).join(', ')}</dd>
    </div>
  );
}

/** Subject, sender, recipients and the exact date (as written when the date does not parse). */
export function MessageHeader({ message }: { message: ParsedMessage }) {
  return (
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
          <RecipientsRow label="To" field="to" people={message.to} />
          <RecipientsRow label="Cc" field="cc" people={message.cc} />
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
