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
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" className="icon icon-directional">
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
