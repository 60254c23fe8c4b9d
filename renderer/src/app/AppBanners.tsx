import type { AppInfo } from '../../../electron/shared/ipc-contract.js';

interface AppBannersProps {
  appInfo: AppInfo | null;
  /** The keychain as a whole could not be read (one account's entry is that account's banner in the inbox). */
  keychainProblem: boolean;
  keychainBusy: boolean;
  onChooseClientFile: () => void;
  onRetryKeychain: () => void;
}

/** Banners about the whole app, above every screen: demo mode, an unusable client file, the keychain. */
export function AppBanners({
  appInfo,
  keychainProblem,
  keychainBusy,
  onChooseClientFile,
  onRetryKeychain,
}: AppBannersProps) {
  return (
    <>
      {appInfo?.mode === 'demo' ? (
        <div className="banner banner-demo" role="note" data-testid="demo-banner">
          <strong>Demo mailbox — not your Gmail.</strong>
          <span>Everything here is made up.</span>
          <button type="button" className="link-button" onClick={onChooseClientFile}>
            Use my Google client…
          </button>
        </div>
      ) : null}
      {appInfo?.clientConfigError ? (
        <div className="banner banner-warning" role="alert" data-testid="client-config-error">
          <span>
            <strong>Your Google client file can’t be used, so Glance is showing the demo mailbox.</strong>{' '}
            {appInfo.clientConfigError}
          </span>
          <button type="button" className="button small" onClick={onChooseClientFile}>
            Choose another file…
          </button>
        </div>
      ) : null}
      {keychainProblem ? (
        <div className="banner banner-warning" role="alert">
          <span>
            Glance can’t reach your system keychain, so it can’t talk to Google. Unlock your keychain, then retry.
          </span>
          <button type="button" className="button small" disabled={keychainBusy} onClick={onRetryKeychain}>
            Retry
          </button>
        </div>
      ) : null}
    </>
  );
}
