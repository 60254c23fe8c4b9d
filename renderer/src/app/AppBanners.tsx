import type { AppInfo, SettingsResetNotice } from '../../../electron/shared/ipc-contract.js';
import { useTranslation } from 'react-i18next';
import { currentLocale, i18n } from '../i18n/i18n.js';
import { SETTING_LABELS } from '../settings/labels.js';
import { adviceFor } from '../shared/errors.js';

interface AppBannersProps {
  appInfo: AppInfo | null;
  /** The keychain as a whole could not be read (one account's entry is that account's banner in the inbox). */
  keychainProblem: boolean;
  keychainBusy: boolean;
  /** Why the last settings change was not saved (the page shows the settings as they are saved). */
  settingsNotSaved: string | null;
  onDismissSettingsNotSaved: () => void;
  onChooseClientFile: () => void;
  onRetryKeychain: () => void;
  onOpenSettings: () => void;
  onDismissSettingsReset: () => void;
}

/** What the person is told, once, when the settings file held something Glance could not use. */
export function settingsResetSentence(notice: SettingsResetNotice): string {
  if (notice.movedAsideAs !== null || notice.fields.length === Object.keys(SETTING_LABELS).length)
    return notice.movedAsideAs
      ? i18n.t('app:settingsReset.allMovedAside', { file: notice.movedAsideAs })
      : i18n.t('app:settingsReset.all');
  const names = new Intl.ListFormat(currentLocale(), { style: 'short', type: 'unit' }).format(
    notice.fields.map((field) => SETTING_LABELS[field]),
  );
  return i18n.t('app:settingsReset.some', { count: notice.fields.length, names });
}

/** Banners about the whole app, above every screen: demo mode, an unusable client file, the keychain. */
export function AppBanners({
  appInfo,
  keychainProblem,
  keychainBusy,
  settingsNotSaved,
  onDismissSettingsNotSaved,
  onChooseClientFile,
  onRetryKeychain,
  onOpenSettings,
  onDismissSettingsReset,
}: AppBannersProps) {
  const { t } = useTranslation('app');
  return (
    <>
      {settingsNotSaved ? (
        <div className="banner banner-warning" role="alert" data-testid="settings-not-saved">
          <span>{settingsNotSaved}</span>
          <button type="button" className="link-button" onClick={onDismissSettingsNotSaved}>
            {t('settingsReset.dismiss')}
          </button>
        </div>
      ) : null}
      {appInfo?.settingsReset ? (
        <div className="banner banner-warning" role="alert" data-testid="settings-reset">
          <span>{settingsResetSentence(appInfo.settingsReset)}</span>
          <button type="button" className="button small" onClick={onOpenSettings}>
            {t('settingsReset.openSettings')}
          </button>
          <button type="button" className="link-button" onClick={onDismissSettingsReset}>
            {t('settingsReset.dismiss')}
          </button>
        </div>
      ) : null}
      {appInfo?.mode === 'demo' ? (
        <div className="banner banner-demo" role="note" data-testid="demo-banner">
          <strong>{t('demo.title')}</strong>
          <span>{t('demo.body')}</span>
          <button type="button" className="link-button" onClick={onChooseClientFile}>
            {t('demo.useOwnClient')}
          </button>
        </div>
      ) : null}
      {appInfo?.clientConfigProblem ? (
        <div className="banner banner-warning" role="alert" data-testid="client-config-error">
          <span>
            {/* Which field of which file, worded from the core's structured problem (its message is English). */}
            <strong>{t('clientConfigError.title')}</strong> {adviceFor(appInfo.clientConfigProblem).detail}
          </span>
          <button type="button" className="button small" onClick={onChooseClientFile}>
            {t('clientConfigError.chooseAnother')}
          </button>
        </div>
      ) : null}
      {keychainProblem ? (
        <div className="banner banner-warning" role="alert">
          <span>{t('keychainBanner')}</span>
          <button type="button" className="button small" disabled={keychainBusy} onClick={onRetryKeychain}>
            {t('retry')}
          </button>
        </div>
      ) : null}
    </>
  );
}
