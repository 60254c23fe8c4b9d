import { useTranslation } from 'react-i18next';
import { StarIcon } from '../inbox/MessageList.js';
import { AccountMark } from '../accounts/AccountMark.js';
import type { AccountMarkInfo } from '../accounts/account-marks.js';

export interface ReaderFlags {
  unread: boolean;
  starred: boolean;
  inInbox: boolean;
}

export interface ReaderActions {
  onArchive: () => void;
  onToggleStar: () => void;
  onToggleRead: () => void;
  onOpenInGmail: () => void;
  onClose: () => void;
}

interface ReaderToolbarProps extends ReaderActions {
  flags: ReaderFlags | null;
  account: AccountMarkInfo | null;
}

/** Back, the account the message is in, and what can be done to the message (disabled until its flags are known). */
export function ReaderToolbar(props: ReaderToolbarProps) {
  const { t } = useTranslation('reader');
  const { flags, account, onArchive, onToggleStar, onToggleRead, onOpenInGmail, onClose } = props;
  return (
    <div className="reader-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <button
        type="button"
        className="tool"
        onClick={onClose}
        title={t('toolbar.backTitle')}
        aria-label={t('toolbar.back')}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" className="icon icon-directional">
          <path d="M10 3 5 8l5 5" fill="none" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {account ? (
        <span className="reader-account" data-field="account">
          <AccountMark mark={account} decorative />
          {/* Said whole ("In work@example.com"); the visible address alone is not said twice. */}
          <span className="visually-hidden">{t('toolbar.inAccount', { email: account.email })}</span>
          <span aria-hidden="true">{account.email}</span>
        </span>
      ) : null}
      <span className="toolbar-spacer" />
      <button
        type="button"
        className="tool"
        onClick={onArchive}
        disabled={flags?.inInbox === false}
        title={t('toolbar.archiveTitle')}
      >
        {t('toolbar.archive')}
      </button>
      <button
        type="button"
        className="tool"
        onClick={onToggleRead}
        disabled={!flags}
        title={t('toolbar.markUnreadTitle')}
      >
        {t(flags?.unread ? 'toolbar.markRead' : 'toolbar.markUnread')}
      </button>
      <button
        type="button"
        className="tool"
        onClick={onToggleStar}
        disabled={!flags}
        aria-pressed={flags?.starred ?? false}
        title={t(flags?.starred ? 'toolbar.unstarTitle' : 'toolbar.starTitle')}
      >
        <StarIcon filled={flags?.starred ?? false} /> {t(flags?.starred ? 'toolbar.starred' : 'toolbar.star')}
      </button>
      <button type="button" className="tool" onClick={onOpenInGmail} title={t('toolbar.openInGmailTitle')}>
        {t('toolbar.openInGmail')}
      </button>
    </div>
  );
}
