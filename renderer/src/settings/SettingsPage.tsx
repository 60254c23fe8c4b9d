import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, AppInfo, IpcError, Settings, SettingsPatch } from '../../../electron/shared/ipc-contract.js';
import { SHIPPED_LOCALES, type GlanceLocale } from '../../../electron/shared/i18n/locales.js';
import { currentLocale, systemLocale } from '../i18n/i18n.js';
import { adviceFor } from '../shared/errors.js';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog.js';
import { keepTabInside } from './focus.js';
import { POLL_CHOICES, pollLabel } from './labels.js';
import { NotificationsSection } from './NotificationsSection.js';
import { TrustedLinkDomains } from './TrustedLinkDomains.js';
import { TrustedSenders } from './TrustedSenders.js';

export interface SettingsPageProps {
  settings: Settings | null;
  appInfo: AppInfo | null;
  accounts: AccountView[];
  update: (patch: SettingsPatch) => Promise<void>;
  /** Why the last change was not saved, or null (the controls show the settings as saved). */
  notSaved: string | null;
  onChooseClientFile: () => void;
  /** Switches to the demo mailbox; resolves with an error to show, or null. */
  onUseDemo: () => Promise<IpcError | null>;
  onClose: () => void;
}

/**
 * Settings, over the whole window: every control is a native form control with a label (radio groups in
 * fieldsets, help text tied with aria-describedby), Tab stays inside, and Esc or Done goes back to where the
 * person was. Each change is saved at once.
 */
export function SettingsPage(props: SettingsPageProps) {
  const { settings, onClose } = props;
  const { t } = useTranslation('settings');
  const pageRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [status, setStatus] = useState('');
  const confirmRef = useRef(confirm);
  const closeRef = useRef(onClose);
  useEffect(() => {
    confirmRef.current = confirm;
    closeRef.current = onClose;
  });

  useEffect(() => {
    doneRef.current?.focus();
    // Esc anywhere (focus may be on the page itself after a click on empty space) closes the topmost layer.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        if (confirmRef.current) setConfirm(null);
        else closeRef.current();
        return;
      }
      const layer = pageRef.current?.querySelector<HTMLElement>('[role="alertdialog"]') ?? pageRef.current;
      if (layer && keepTabInside(layer, event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  const ask = (request: ConfirmRequest) =>
    setConfirm({
      ...request,
      onConfirm: () => {
        setConfirm(null);
        request.onConfirm();
      },
    });

  return (
    <div
      ref={pageRef}
      className="settings-page"
      role="dialog"
      aria-modal="true"
      aria-labelledby="settings-title"
      data-testid="settings-page"
    >
      <header className="settings-head">
        <h1 id="settings-title">{t('title')}</h1>
        <button type="button" ref={doneRef} className="button primary" aria-keyshortcuts="Escape" onClick={onClose}>
          {t('done')}
        </button>
      </header>
      <div className="settings-body" inert={confirm !== null}>
        {settings ? (
          <>
            <MailSection settings={settings} update={props.update} />
            <PrivacySection settings={settings} update={props.update} />
            <NotificationsSection settings={settings} accounts={props.accounts} update={props.update} />
            <AppearanceSection settings={settings} update={props.update} />
          </>
        ) : (
          <p role="status">{t('loading')}</p>
        )}
        <GoogleClientSection {...props} ask={ask} setStatus={setStatus} />
        <DataSection appInfo={props.appInfo} accounts={props.accounts} ask={ask} setStatus={setStatus} />
      </div>
      {props.notSaved ? (
        <p className="settings-status" role="alert">
          {props.notSaved}
        </p>
      ) : null}
      <p className="settings-status" role="status" aria-live="polite">
        {status}
      </p>
      {confirm ? <ConfirmDialog request={confirm} onCancel={() => setConfirm(null)} /> : null}
    </div>
  );
}

interface SectionProps {
  settings: Settings;
  update: (patch: SettingsPatch) => Promise<void>;
}

function MailSection({ settings, update }: SectionProps) {
  const { t } = useTranslation('settings');
  const choices: number[] = POLL_CHOICES.includes(settings.pollSeconds as (typeof POLL_CHOICES)[number])
    ? [...POLL_CHOICES]
    : [...POLL_CHOICES, settings.pollSeconds].sort((a, b) => a - b);
  return (
    <section className="settings-section" aria-labelledby="settings-mail-title">
      <h2 id="settings-mail-title">{t('mail.title')}</h2>
      <div className="settings-field">
        <label htmlFor="settings-poll">{t('mail.poll')}</label>
        <select
          id="settings-poll"
          value={settings.pollSeconds}
          aria-describedby="settings-poll-help"
          onChange={(event) => void update({ pollSeconds: Number(event.target.value) })}
        >
          {choices.map((seconds) => (
            <option key={seconds} value={seconds}>
              {pollLabel(seconds)}
            </option>
          ))}
        </select>
      </div>
      <p id="settings-poll-help" className="settings-help">
        {t('mail.pollHelp')}
      </p>
      <div className="settings-check">
        <input
          type="checkbox"
          id="settings-mark-read"
          checked={settings.markReadOnOpen}
          aria-describedby="settings-mark-read-help"
          onChange={(event) => void update({ markReadOnOpen: event.target.checked })}
        />
        <label htmlFor="settings-mark-read">{t('mail.markRead')}</label>
      </div>
      <p id="settings-mark-read-help" className="settings-help">
        {t('mail.markReadHelp')}
      </p>
      <div className="settings-check">
        <input
          type="checkbox"
          id="settings-list-mode"
          checked={settings.listMode === 'messages'}
          aria-describedby="settings-list-mode-help"
          onChange={(event) => void update({ listMode: event.target.checked ? 'messages' : 'conversations' })}
        />
        <label htmlFor="settings-list-mode">{t('mail.listMode')}</label>
      </div>
      <p id="settings-list-mode-help" className="settings-help">
        {t('mail.listModeHelp')}
      </p>
    </section>
  );
}

const REMOTE_IMAGE_CHOICES = [
  { value: 'never', label: 'privacy.imagesNever', help: 'privacy.imagesNeverHelp' },
  { value: 'ask', label: 'privacy.imagesAsk', help: 'privacy.imagesAskHelp' },
  { value: 'trusted', label: 'privacy.imagesTrusted', help: 'privacy.imagesTrustedHelp' },
] as const satisfies ReadonlyArray<{ value: Settings['remoteImages']; label: string; help: string }>;

function PrivacySection({ settings, update }: SectionProps) {
  const { t } = useTranslation('settings');
  return (
    <section className="settings-section" aria-labelledby="settings-privacy-title">
      <h2 id="settings-privacy-title">{t('privacy.title')}</h2>
      <fieldset className="settings-fieldset" aria-describedby="settings-images-help">
        <legend>{t('privacy.remoteImages')}</legend>
        <p id="settings-images-help" className="settings-help">
          {t('privacy.remoteImagesHelp')}
        </p>
        {REMOTE_IMAGE_CHOICES.map((choice) => (
          <div className="settings-radio" key={choice.value}>
            <input
              type="radio"
              id={`settings-images-${choice.value}`}
              name="settings-remote-images"
              value={choice.value}
              checked={settings.remoteImages === choice.value}
              aria-describedby={`settings-images-${choice.value}-help`}
              onChange={() => void update({ remoteImages: choice.value })}
            />
            <label htmlFor={`settings-images-${choice.value}`}>{t(choice.label)}</label>
            <span id={`settings-images-${choice.value}-help`} className="settings-help inline">
              {t(choice.help)}
            </span>
          </div>
        ))}
      </fieldset>
      <TrustedSenders senders={settings.remoteContentSenders} policy={settings.remoteImages} update={update} />
      <TrustedLinkDomains domains={settings.trustedLinkDomains} update={update} />
    </section>
  );
}

const THEME_CHOICES = [
  { value: 'system', label: 'appearance.themeSystem' },
  { value: 'light', label: 'appearance.themeLight' },
  { value: 'dark', label: 'appearance.themeDark' },
] as const satisfies ReadonlyArray<{ value: Settings['theme']; label: string }>;

/** A shipped language by its own name ("Deutsch" in every language), so a person can always find theirs. */
function ownName(locale: GlanceLocale, t: ReturnType<typeof useTranslation<'settings'>>['t']): string {
  return locale === 'en' || locale === 'de' ? t(`language.names.${locale}`) : locale;
}

const LANGUAGE_CHOICES: ReadonlyArray<Settings['language']> = ['system', ...SHIPPED_LOCALES];

function LanguageField({ settings, update }: SectionProps) {
  const { t } = useTranslation('settings');
  return (
    <fieldset className="settings-fieldset" aria-describedby="settings-language-help">
      <legend>{t('language.label')}</legend>
      <p id="settings-language-help" className="settings-help">
        {t('language.help')}
      </p>
      {LANGUAGE_CHOICES.map((choice) => (
        <div className="settings-radio" key={choice}>
          <input
            type="radio"
            id={`settings-language-${choice}`}
            name="settings-language"
            value={choice}
            checked={settings.language === choice}
            onChange={() => void update({ language: choice })}
          />
          {choice === 'system' ? (
            <label htmlFor="settings-language-system">
              {t('language.system', { language: ownName(systemLocale(), t) })}
            </label>
          ) : (
            // Named in its own language, so a person who cannot read the current one still finds theirs.
            <label htmlFor={`settings-language-${choice}`} lang={choice}>
              {ownName(choice, t)}
            </label>
          )}
        </div>
      ))}
    </fieldset>
  );
}

function AppearanceSection({ settings, update }: SectionProps) {
  const { t } = useTranslation('settings');
  return (
    <section className="settings-section" aria-labelledby="settings-appearance-title">
      <h2 id="settings-appearance-title">{t('appearance.title')}</h2>
      <LanguageField settings={settings} update={update} />
      <fieldset className="settings-fieldset">
        <legend>{t('appearance.theme')}</legend>
        {THEME_CHOICES.map((choice) => (
          <div className="settings-radio" key={choice.value}>
            <input
              type="radio"
              id={`settings-theme-${choice.value}`}
              name="settings-theme"
              value={choice.value}
              checked={settings.theme === choice.value}
              onChange={() => void update({ theme: choice.value })}
            />
            <label htmlFor={`settings-theme-${choice.value}`}>{t(choice.label)}</label>
          </div>
        ))}
      </fieldset>
      <div className="settings-check">
        <input
          type="checkbox"
          id="settings-launch-at-login"
          checked={settings.launchAtLogin}
          aria-describedby="settings-launch-at-login-help"
          onChange={(event) => void update({ launchAtLogin: event.target.checked })}
        />
        <label htmlFor="settings-launch-at-login">{t('appearance.launchAtLogin')}</label>
      </div>
      <p id="settings-launch-at-login-help" className="settings-help">
        {t('appearance.launchAtLoginHelp')}
      </p>
    </section>
  );
}

interface ActionSectionProps {
  ask: (request: ConfirmRequest) => void;
  setStatus: (text: string) => void;
}

function GoogleClientSection(props: SettingsPageProps & ActionSectionProps) {
  const { t } = useTranslation('settings');
  const info = props.appInfo;
  const source = info?.clientSource;
  const googleAccounts = source === 'demo' ? [] : props.accounts;
  const description =
    source === 'demo'
      ? t('client.demo')
      : source === 'data-folder'
        ? t('client.dataFolder')
        : source === 'env'
          ? t('client.env')
          : source === 'embedded'
            ? t('client.embedded')
            : '';
  const useDemo = () =>
    props.ask({
      title: t('client.demoQuestion'),
      confirmLabel: t('client.demoConfirm'),
      body: (
        <>
          <p>
            {googleAccounts.length === 0
              ? t('client.demoNoAccounts')
              : t('client.demoAccountsStay', {
                  count: googleAccounts.length,
                  accounts: new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(
                    googleAccounts.map((account) => account.email),
                  ),
                })}
          </p>
          {googleAccounts.length > 0 ? <p>{t('client.demoSignOutInstead')}</p> : null}
          <p>{t('client.demoFileKept')}</p>
        </>
      ),
      onConfirm: () =>
        void props.onUseDemo().then((error) => {
          props.setStatus(error ? t('client.demoFailed', { reason: adviceFor(error).title }) : t('client.demoShown'));
        }),
    });
  return (
    <section className="settings-section" aria-labelledby="settings-client-title">
      <h2 id="settings-client-title">{t('client.title')}</h2>
      <p id="settings-client-help" className="settings-help">
        {description}
      </p>
      <div className="button-row start">
        <button
          type="button"
          className="button"
          disabled={source === 'env'}
          aria-describedby="settings-client-help"
          onClick={props.onChooseClientFile}
        >
          {t('client.useMine')}
        </button>
        {source === 'data-folder' ? (
          <button type="button" className="button" aria-describedby="settings-client-help" onClick={useDemo}>
            {t('client.backToDemo')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

/** A sentence with one element inside it ("… in <code>folder</code>."): the whole sentence is translated, then split. */
function aroundPlaceholder(sentence: string, marker: string): [string, string] {
  const at = sentence.indexOf(marker);
  return at < 0 ? [sentence, ''] : [sentence.slice(0, at), sentence.slice(at + marker.length)];
}

function DataSection({
  appInfo,
  accounts,
  ask,
  setStatus,
}: Pick<SettingsPageProps, 'appInfo' | 'accounts'> & ActionSectionProps) {
  const { t } = useTranslation('settings');
  const openFolder = async () => {
    const result = await window.glance.data.openFolder();
    if (!result.ok) setStatus(t('data.openFolderFailed', { reason: adviceFor(result.error).title }));
  };
  const clear = () =>
    ask({
      title: t('data.clearQuestion'),
      confirmLabel: t('data.clearConfirm'),
      destructive: true,
      body: (
        <>
          <p>{t('data.clearWhatGoes')}</p>
          <p>{t('data.clearWhatStays')}</p>
        </>
      ),
      onConfirm: () => {
        setStatus(t('data.clearing'));
        void window.glance.data
          .clearLocalCopy()
          .then((result) =>
            setStatus(result.ok ? t('data.cleared') : t('data.clearFailed', { reason: adviceFor(result.error).title })),
          );
      },
    });
  const marker = '\u2060folder\u2060';
  const [beforeFolder, afterFolder] = aroundPlaceholder(t('data.help', { folder: marker }), marker);
  return (
    <section className="settings-section" aria-labelledby="settings-data-title">
      <h2 id="settings-data-title">{t('data.title')}</h2>
      <p id="settings-data-help" className="settings-help">
        {beforeFolder}
        <code className="settings-path">{appInfo?.dataFolder ?? t('data.folderUnknown')}</code>
        {afterFolder}
      </p>
      <div className="button-row start">
        <button
          type="button"
          className="button"
          aria-describedby="settings-data-help"
          onClick={() => void openFolder()}
        >
          {t('data.openFolder')}
        </button>
        <button
          type="button"
          className="button"
          disabled={accounts.length === 0}
          aria-describedby="settings-clear-help"
          onClick={clear}
        >
          {t('data.clear')}
        </button>
      </div>
      <p id="settings-clear-help" className="settings-help">
        {accounts.length === 0 ? t('data.clearHelpNoAccount') : t('data.clearHelp')}
      </p>
    </section>
  );
}
