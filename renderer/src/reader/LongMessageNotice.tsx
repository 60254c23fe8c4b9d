import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BodyTruncation } from '../../../electron/shared/ipc-contract.js';
import { currentLocale } from '../i18n/i18n.js';

/** Characters as the person thinks of them: a rough size (one character is about a byte of mail text). */
function roughSize(chars: number): string {
  const megabytes = chars >= 1_000_000;
  return new Intl.NumberFormat(currentLocale(), {
    style: 'unit',
    unit: megabytes ? 'megabyte' : 'kilobyte',
    minimumFractionDigits: megabytes ? 1 : 0,
    maximumFractionDigits: megabytes ? 1 : 0,
  }).format(megabytes ? chars / 1_000_000 : Math.ceil(chars / 1000));
}

/**
 * Shown above a body that arrived cut (over ~2 MB of text or HTML): how much is shown, and "Show the whole
 * message" to load the rest — still sanitized like any body — or, past Glance's hard cap, where to read it.
 */
export function LongMessageNotice({
  truncation,
  onShowWhole,
}: {
  truncation: BodyTruncation;
  onShowWhole: (() => void) | undefined;
}) {
  const { t } = useTranslation('reader');
  const [loading, setLoading] = useState(false);
  const sizes = { shown: roughSize(truncation.shownChars), total: roughSize(truncation.totalChars) };
  return (
    <div
      className="remote-bar long-message"
      role="region"
      aria-label={t('longMessage.label')}
      data-testid="long-message"
    >
      {truncation.wholeAvailable && onShowWhole ? (
        <>
          <span>{t('longMessage.quick', sizes)}</span>
          <button
            type="button"
            className="button small"
            disabled={loading}
            onClick={() => {
              setLoading(true);
              onShowWhole();
            }}
          >
            {t(loading ? 'longMessage.loadingWhole' : 'longMessage.showWhole')}
          </button>
        </>
      ) : (
        <span>{t(truncation.wholeAvailable ? 'longMessage.openAlone' : 'longMessage.tooLarge', sizes)}</span>
      )}
    </div>
  );
}
