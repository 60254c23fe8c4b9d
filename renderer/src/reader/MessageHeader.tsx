import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale, i18n } from '../i18n/i18n.js';
import { exactDate, initialOf } from '../shared/format.js';
import type { ParsedAddress, ParsedMessage } from './parse.js';

/** Recipients shown before "and N others". */
export const RECIPIENTS_SHOWN = 3;
/** Recipients each "Show more" adds to the expanded list (a list of 5,000 is shown page by page). */
export const RECIPIENTS_PAGE = 100;

function formatAddress(address: ParsedAddress | null): string {
  if (!address) return i18n.t('reader:unknownSender');
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

/**
 * A To or Cc line; none when the message has no such recipient. A long list shows its first few, then
 * "and 4,998 others", which opens a scrolling list one page at a time; the main process sends at most
 * 1,000 recipients per field, and says how many the header names.
 */
function RecipientsRow({
  field,
  people,
  total,
}: {
  field: 'to' | 'cc';
  people: ParsedAddress[];
  /** How many the header names (more than `people.length` when the list was cut). */
  total: number;
}) {
  const { t } = useTranslation('reader');
  const [shown, setShown] = useState(RECIPIENTS_SHOWN);
  if (people.length === 0) return null;
  const all = Math.max(total, people.length);
  const collapsed = shown <= RECIPIENTS_SHOWN;
  const visible = people.slice(0, shown);
  const others = all - visible.length;
  const notSent = all - people.length;
  return (
    <div>
      <dt>{t(field === 'to' ? 'header.to' : 'header.cc')}</dt>
      <dd data-field={field} data-recipient-count={all} dir="auto">
        {collapsed ? (
          <span className="recipients-inline">
            {new Intl.ListFormat(currentLocale(), { type: 'unit', style: 'short' }).format(visible.map(formatAddress))}
          </span>
        ) : (
          <ul className="recipient-list" aria-label={t(field === 'to' ? 'header.toList' : 'header.ccList')}>
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
              ? ` ${t('header.others', { count: others })}`
              : t('header.showMore', { count: Math.min(RECIPIENTS_PAGE, people.length - visible.length) })}
          </button>
        ) : null}
        {!collapsed && visible.length === people.length && notSent > 0 ? (
          <span className="recipients-note"> {t('header.notSent', { count: notSent })}</span>
        ) : null}
      </dd>
    </div>
  );
}

/** Subject, sender, recipients and the exact date (as written when the date does not parse). */
export function MessageHeader({ message }: { message: ParsedMessage }) {
  const { t } = useTranslation('reader');
  return (
    <header className="message-header">
      <h1 className="message-subject" dir="auto">
        {message.subject.trim() || t('noSubject')}
      </h1>
      <div className="message-meta">
        <span className="avatar" aria-hidden="true">
          {initialOf(message.from?.name || message.from?.address || '?')}
        </span>
        <dl className="message-people">
          <div>
            <dt>{t('header.from')}</dt>
            <dd data-field="from" dir="auto">
              {formatAddress(message.from)}
            </dd>
          </div>
          <RecipientsRow field="to" people={message.to} total={message.toCount ?? message.to.length} />
          <RecipientsRow field="cc" people={message.cc} total={message.ccCount ?? message.cc.length} />
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
