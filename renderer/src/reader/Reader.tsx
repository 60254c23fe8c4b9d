import { useTranslation } from 'react-i18next';
import type { IpcError, Settings } from '../../../electron/shared/ipc-contract.js';
import { adviceFor } from '../shared/errors.js';
import type { AccountMarkInfo } from '../accounts/account-marks.js';
import { MessageView } from './MessageView.js';
import { ReaderToolbar, type ReaderActions, type ReaderFlags } from './ReaderToolbar.js';
import { useMessageContent } from './useMessageContent.js';
import { useReaderAnnouncement } from './useReaderAnnouncement.js';

export type { ReaderFlags } from './ReaderToolbar.js';

interface ReaderProps extends ReaderActions {
  accountId: string;
  messageId: string;
  flags: ReaderFlags | null;
  /** The account the message is in, shown in the header when Glance has several. */
  account: AccountMarkInfo | null;
  remoteImages: Settings['remoteImages'];
  /** Lower-case trusted senders (their remote images load when `remoteImages` is `trusted`). */
  remoteContentSenders: readonly string[];
  onLoaded: (messageId: string, labelIds: string[]) => void;
  onAlwaysShowRemote: (sender: string) => void;
  trustedLinkDomains: readonly string[];
  onTrustLinkDomain: (domain: string) => void;
  onNotice: (text: string) => void;
  onError: (error: IpcError) => void;
}

export function Reader(props: ReaderProps) {
  const { accountId, messageId, onLoaded } = props;
  const { t } = useTranslation('reader');
  const { current, retry, showWhole } = useMessageContent(accountId, messageId, onLoaded);
  useReaderAnnouncement(current.status === 'ready' ? current.message : null);

  return (
    <article
      className="reader"
      aria-label={t('message')}
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
          <button type="button" className="button" onClick={retry}>
            {t('tryAgain')}
          </button>
        </div>
      ) : (
        <MessageView key={messageId} message={current.message} onShowWhole={showWhole} {...props} />
      )}
    </article>
  );
}
