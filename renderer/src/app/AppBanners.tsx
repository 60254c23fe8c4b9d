import type { AppInfo, SettingsResetNotice } from '../../../electron/shared/ipc-contract.js';
import { SETTING_LABELS } from '../settings/labels.js';

interface AppBannersProps {
  appInfo: AppInfo | null;
  /** The keychain as a whole could not be read (one account's entry is that account's banner in the inbox). */
  keychainProblem: boolean;
  keychainBusy: boolean;
  onChooseClientFile: () => void;
  onRetryKeychain: () => void;
  onOpenSettings: () => void;
  onDismissSettingsReset: () => void;
}

/** What the person is told, once, when the settings file held something Glance could not use. */
export function settingsResetSentence(notice: SettingsResetNotice): string {
  if (notice.movedAsideAs !== null || notice.fields.length === Object.keys(SETTING_LABELS).length)
    return `Glance couldn’t read your settings file, so every setting is back to its default.${
      notice.movedAsideAs ? ` The old file is kept in the data folder as ${notice.movedAsideAs}.` : ''
    }`;
  const names = notice.fields.map((field) => SETTING_LABELS[field]);
  return names.length === 1
    ? `One setting couldn’t be read and is back to its default: ${names[0]}.`
    : `Some settings couldn’t be read and are back to their defaults: ${names.join(', ')}.`;
}

/** Banners about the whole app, above every screen: demo mode, an unusable client file, the keychain. */
export function AppBanners({
  appInfo,
  keychainProblem,
  keychainBusy,
  onChooseClientFile,
  onRetryKeychain,
  onOpenSettings,
  onDismissSettingsReset,
}: AppBannersProps) {
  return (
    <>
      {appInfo?.settingsReset ? (
        <div className="banner banner-warning" role="alert" data-testid="settings-reset">
          <span>{settingsResetSentence(appInfo.settingsReset)}</span>
          <button type="button" className="button small" onClick={onOpenSettings}>
            Open Settings
          </button>
          <button type="button" className="link-button" onClick={onDismissSettingsReset}>
            Dismiss
          </button>
        </div>
      ) : null}
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
