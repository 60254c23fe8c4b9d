import { useTranslation } from 'react-i18next';
import { blockedSummary } from './trackers.js';

/** Offered while a message's remote images are blocked: show them once, or always for this sender. */
export function RemoteContentBanner({
  sender,
  remoteImages,
  trackers,
  onShow,
  onAlwaysShow,
}: {
  /** Remote references held back, trackers included; and how many of them look like trackers. */
  remoteImages: number;
  trackers: number;
  /** Lower-case sender address; empty when the message has none. */
  sender: string;
  onShow: () => void;
  onAlwaysShow: (sender: string) => void;
}) {
  const { t } = useTranslation('reader');
  return (
    <div className="remote-bar" role="region" aria-label={t('remote.label')}>
      <span>
        <strong data-testid="blocked-summary">{blockedSummary(remoteImages, trackers)}</strong> · {t('remote.hidden')}
      </span>
      <button type="button" className="button small" onClick={onShow}>
        {t('remote.show')}
      </button>
      {sender ? (
        <button type="button" className="link-button" onClick={() => onAlwaysShow(sender)}>
          {t('remote.alwaysShow', { sender })}
        </button>
      ) : null}
    </div>
  );
}
