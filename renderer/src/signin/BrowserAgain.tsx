import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError, IpcResult } from '../../../electron/shared/ipc-contract.js';
import { adviceFor } from '../shared/errors.js';

type Outcome = { kind: 'copied' } | { kind: 'not-waiting' } | { kind: 'failed'; error: IpcError };

/**
 * For a person whose consent tab was closed, or opened in the wrong browser or profile: the same sign-in's
 * consent page again, or its address on the clipboard to paste where they use Google. The main process
 * opens and copies it; the window never sees the address. What happened is said inside the waiting
 * screen, which is a live region.
 */
export function BrowserAgain({ offerCopy }: { offerCopy: boolean }) {
  const { t } = useTranslation('signin');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = async (action: () => Promise<IpcResult<null>>, success: Outcome | null) => {
    setOutcome(null);
    const result = await action();
    if (result.ok) setOutcome(success);
    // The browser answered (or the sign-in ended) a moment ago: the screen moves on by itself.
    else if (result.error.code === 'SIGN_IN_CANCELLED') setOutcome({ kind: 'not-waiting' });
    else setOutcome({ kind: 'failed', error: result.error });
  };
  return (
    <div className="signin-browser-again">
      <p className="muted">{t('waiting.browserLost')}</p>
      <div className="button-row">
        <button
          type="button"
          className="button small"
          onClick={() => void run(() => window.glance.auth.openBrowserAgain(), null)}
        >
          {t('waiting.openAgain')}
        </button>
        {offerCopy ? (
          <button
            type="button"
            className="button small"
            onClick={() => void run(() => window.glance.auth.copySignInLink(), { kind: 'copied' })}
          >
            {t('waiting.copyLink')}
          </button>
        ) : null}
      </div>
      {outcome ? (
        <p className="signin-browser-again-outcome" data-testid="browser-again-outcome">
          {outcome.kind === 'copied'
            ? t('waiting.linkCopied')
            : outcome.kind === 'not-waiting'
              ? t('waiting.notWaiting')
              : adviceFor(outcome.error).title}
        </p>
      ) : null}
    </div>
  );
}
