import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, IpcError, SignInProgress } from '../../../electron/shared/ipc-contract.js';
import { i18n } from '../i18n/i18n.js';
import { BrowserAgain } from './BrowserAgain.js';
import { BrowserProblemsHint } from './BrowserProblemsHint.js';
import { SignInProblem } from './SignInProblem.js';

export interface SignInFlow {
  running: boolean;
  progress: SignInProgress | null;
  error: IpcError | null;
  loginHint?: string;
}

interface SignInScreenProps {
  appInfo: AppInfo | null;
  flow: SignInFlow;
  notice: string | null;
  /** With a hint: sign in again as that account (from a problem's own button). */
  onSignIn: (loginHint?: string) => void;
  onCancel: () => void;
  onChooseClientFile: () => void;
  onRetryKeychain: () => void;
}

/** The signed-out screen: one clear button, then the browser round trip with a way out. */
export function SignInScreen({
  appInfo,
  flow,
  notice,
  onSignIn,
  onCancel,
  onChooseClientFile,
  onRetryKeychain,
}: SignInScreenProps) {
  const { t } = useTranslation('signin');
  return (
    <div className="signin">
      <div className="signin-card">
        <div className="signin-mark" aria-hidden="true" />
        <h1>Glance</h1>
        <p className="signin-lead">{t('lead')}</p>
        {flow.running ? (
          <SignInWaiting flow={flow} onCancel={onCancel} />
        ) : (
          <>
            {flow.error ? (
              <SignInProblem
                error={flow.error}
                appInfo={appInfo}
                actions={{ onSignIn, onChooseClientFile, onRetryKeychain }}
              />
            ) : null}
            {notice ? (
              <p className="signin-notice" role="status">
                {notice}
              </p>
            ) : null}
            <button type="button" className="button primary large google" onClick={() => onSignIn()}>
              <GoogleG />
              {t('signInWithGoogle')}
            </button>
            <p className="signin-fineprint">{t('finePrint')}</p>
            <button type="button" className="link-button" onClick={onChooseClientFile}>
              {t('useOwnClient')}
            </button>
            {appInfo && appInfo.mode === 'google' ? (
              <p className="signin-source muted">{clientSourceLabel(appInfo.clientSource)}</p>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}

export function SignInWaiting({ flow, onCancel }: { flow: SignInFlow; onCancel: () => void }) {
  const { t } = useTranslation('signin');
  const exchanging = flow.progress?.phase === 'exchanging';
  return (
    <div className="signin-waiting" role="status" aria-live="polite" data-phase={flow.progress?.phase ?? 'starting'}>
      <span className="spinner" aria-hidden="true" />
      <p className="signin-waiting-title">{exchanging ? t('waiting.finishing') : t('waiting.forBrowser')}</p>
      <p className="muted">{exchanging ? t('waiting.almostThere') : t('waiting.finishInBrowser')}</p>
      {flow.progress?.manualUrl ? <ManualUrl url={flow.progress.manualUrl} /> : null}
      {/* Only once the browser was sent to Google: before, there is no page to open again; after, no need. */}
      {flow.progress?.phase === 'waiting-for-browser' ? (
        // One copy control: the manual address has its own. None where the main process has no clipboard.
        <BrowserAgain offerCopy={flow.progress.canCopyLink === true && !flow.progress.manualUrl} />
      ) : null}
      {exchanging ? null : <BrowserProblemsHint />}
      <button type="button" className="button" onClick={onCancel}>
        {t('waiting.cancel')}
      </button>
    </div>
  );
}

function ManualUrl({ url }: { url: string }) {
  const { t } = useTranslation('signin');
  const [copied, setCopied] = useState(false);
  return (
    <div className="manual-url">
      <label htmlFor="manual-url">{t('manualUrl.label')}</label>
      <div className="manual-url-row">
        <input id="manual-url" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
        <button
          type="button"
          className="button small"
          onClick={() => {
            // The app denies every web permission (clipboard included), so copy the way a selection does.
            const input = document.getElementById('manual-url');
            if (input instanceof HTMLInputElement) input.select();
            setCopied(document.execCommand('copy'));
          }}
        >
          {copied ? t('manualUrl.copied') : t('manualUrl.copy')}
        </button>
      </div>
    </div>
  );
}

/** Where the Google client came from, as one sentence ("Google client: …"). */
function clientSourceLabel(source: AppInfo['clientSource']): string {
  switch (source) {
    case 'env':
      return i18n.t('signin:clientSource.env');
    case 'data-folder':
      return i18n.t('signin:clientSource.dataFolder');
    case 'embedded':
      return i18n.t('signin:clientSource.embedded');
    case 'demo':
      return i18n.t('signin:clientSource.demo');
    default: {
      const unreachable: never = source;
      return unreachable;
    }
  }
}

function GoogleG() {
  return (
    <svg viewBox="0 0 18 18" width="18" height="18" aria-hidden="true" className="google-g">
      <path
        fill="#4285F4"
        d="M17.64 9.2c0-.64-.06-1.25-.16-1.84H9v3.48h4.84a4.14 4.14 0 0 1-1.8 2.72v2.26h2.92c1.7-1.57 2.68-3.88 2.68-6.62z"
      />
      <path
        fill="#34A853"
        d="M9 18c2.43 0 4.47-.8 5.96-2.18l-2.92-2.26c-.8.54-1.84.86-3.04.86-2.34 0-4.32-1.58-5.03-3.7H.96v2.33A9 9 0 0 0 9 18z"
      />
      <path fill="#FBBC05" d="M3.97 10.72a5.4 5.4 0 0 1 0-3.44V4.95H.96a9 9 0 0 0 0 8.1l3.01-2.33z" />
      <path
        fill="#EA4335"
        d="M9 3.58c1.32 0 2.5.45 3.44 1.35l2.58-2.58A9 9 0 0 0 .96 4.95l3.01 2.33C4.68 5.16 6.66 3.58 9 3.58z"
      />
    </svg>
  );
}
