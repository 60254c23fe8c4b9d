import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, AccountsState, AppInfo, IpcError } from '../../../electron/shared/ipc-contract.js';
import { i18n } from '../i18n/i18n.js';
import { adviceFor, asIpcError, unwrap } from '../shared/errors.js';
import { Inbox } from '../inbox/Inbox.js';
import { SignInScreen } from '../signin/SignIn.js';
import { SignInDialog } from '../signin/SignInDialog.js';
import { KeychainScreen } from '../signin/KeychainScreen.js';
import { SettingsPage } from '../settings/SettingsPage.js';
import { useTheme } from '../settings/theme.js';
import { useLanguage } from '../settings/language.js';
import { useSettingsView } from '../settings/settings-view.js';
import { AppBanners } from './AppBanners.js';
import { NetworkActivityDialog } from './NetworkActivityDialog.js';
import { ProxySignInDialog } from './ProxySignInDialog.js';
import type { SignInFlow } from '../signin/SignIn.js';

/** What `#root[data-app-state]` says, so tests (and people reading the DOM) can wait on state, not time. */
export type AppState = 'loading' | 'error' | 'signed-out' | 'signing-in' | 'keychain-unavailable' | 'ready';

type Boot =
  | { status: 'loading' }
  | { status: 'error'; error: IpcError }
  | { status: 'ready'; appInfo: AppInfo; accounts: AccountsState };

export function App() {
  const { t } = useTranslation('app');
  const [boot, setBoot] = useState<Boot>({ status: 'loading' });
  const [flow, setFlow] = useState<SignInFlow>({ running: false, progress: null, error: null });
  const [notice, setNotice] = useState<string | null>(null);
  const {
    settings,
    update: updateSettings,
    fromCore: setSettings,
    notSaved: settingsNotSaved,
    dismissNotSaved: dismissSettingsNotSaved,
  } = useSettingsView();
  const settingsNotSavedSentence = settingsNotSaved
    ? t('notice.settingsNotSaved', { reason: adviceFor(settingsNotSaved).title })
    : null;
  const [keychainBusy, setKeychainBusy] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [networkActivityOpen, setNetworkActivityOpen] = useState(false);
  const accountsRef = useRef<AccountsState | null>(null);
  /** Where the keyboard was before Settings opened: it goes back there when Settings closes. */
  const focusBeforeSettings = useRef<HTMLElement | null>(null);
  useTheme(settings?.theme ?? 'system');
  useLanguage(settings?.language);

  const openSettings = useCallback(() => {
    setSettingsOpen((open) => {
      if (!open) focusBeforeSettings.current = document.activeElement as HTMLElement | null;
      return true;
    });
  }, []);
  const closeSettings = useCallback(() => {
    setSettingsOpen(false);
    const previous = focusBeforeSettings.current;
    focusBeforeSettings.current = null;
    // After the page is gone and the app is no longer inert.
    window.setTimeout(() => previous?.focus?.(), 0);
  }, []);

  const start = useCallback(
    () =>
      Promise.all([unwrap(window.glance.app.info()), unwrap(window.glance.accounts.get())])
        .then(([appInfo, accounts]) => {
          accountsRef.current = accounts;
          setBoot({ status: 'ready', appInfo, accounts });
        })
        .catch((thrown: unknown) => setBoot({ status: 'error', error: asIpcError(thrown) }))
        .then(() => window.glance.settings.get())
        .then((loaded) => {
          if (loaded.ok) setSettings(loaded.value);
        }),
    [setSettings],
  );
  const retryStart = () => {
    setBoot({ status: 'loading' });
    void start();
  };

  const setAccounts = useCallback((accounts: AccountsState) => {
    // Read by a sign-in that finishes before React renders this.
    accountsRef.current = accounts;
    setBoot((current) => (current.status === 'ready' ? { ...current, accounts } : current));
  }, []);
  const setAppInfo = useCallback((appInfo: AppInfo) => {
    setBoot((current) => (current.status === 'ready' ? { ...current, appInfo } : current));
  }, []);

  // Notices are worded when they happen, through the window's translator rather than the hook's `t`: these
  // callbacks stay the same across a language change, so the subscriptions below are not made (and the app
  // not loaded) again.
  const chooseClientFile = useCallback(async () => {
    const result = await window.glance.config.chooseClientFile();
    if (result.ok) {
      setAppInfo(result.value);
      setNotice(result.value.mode === 'google' ? i18n.t('app:notice.clientReady') : null);
      setFlow({ running: false, progress: null, error: null });
    } else if (result.error.code !== 'CANCELLED') {
      setFlow({ running: false, progress: null, error: result.error });
    }
  }, [setAppInfo]);

  useEffect(() => {
    // Subscribe before the first call so no event is missed between "read" and "listen".
    const offs = [
      window.glance.on('accounts:changed', setAccounts),
      window.glance.on('settings:changed', setSettings),
      window.glance.on('signIn:progress', (progress) => {
        setFlow((current) => (current.running ? { ...current, progress } : current));
      }),
      window.glance.on('command:run', ({ command }) => {
        if (command === 'chooseClientFile') void chooseClientFile();
        else if (command === 'settings') openSettings();
        else if (command === 'networkActivity') setNetworkActivityOpen(true);
      }),
    ];
    void start();
    return () => offs.forEach((off) => off());
  }, [start, setAccounts, setSettings, chooseClientFile, openSettings]);

  useEffect(() => {
    // The menu's accelerator opens Settings in the app; this is the same key where no menu is (and a fallback).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === ',' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        openSettings();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [openSettings]);

  /**
   * The system-browser sign-in; without a hint Google shows its account chooser ("Add another account").
   * The core announces the new account list (accounts:changed) before it answers, so nothing is asked again;
   * only when no account is active yet is the one signed in made active.
   */
  const signIn = useCallback(
    async (loginHint?: string): Promise<AccountView | null> => {
      setNotice(null);
      setFlow({ running: true, progress: null, error: null, ...(loginHint ? { loginHint } : {}) });
      const result = await window.glance.auth.signIn(loginHint ? { loginHint } : {});
      if (!result.ok) {
        setFlow({ running: false, progress: null, error: result.error });
        return null;
      }
      setFlow({ running: false, progress: null, error: null });
      const known = accountsRef.current;
      if (!known?.activeAccountId || !known.accounts.some((account) => account.id === result.value.id)) {
        const activated = await window.glance.accounts.setActive(result.value.id);
        if (activated.ok) setAccounts(activated.value);
      }
      return result.value;
    },
    [setAccounts],
  );

  const cancelSignIn = useCallback(async () => {
    await window.glance.auth.cancelSignIn();
  }, []);

  const signOut = useCallback(async (accountId: string) => {
    const result = await window.glance.auth.signOut(accountId);
    if (result.ok && !result.value.revoked) {
      setNotice(i18n.t('app:notice.signedOutNotRevoked'));
    } else if (!result.ok) {
      setNotice(i18n.t('app:notice.signOutFailed', { reason: adviceFor(result.error).title }));
    } else {
      setNotice(i18n.t('app:notice.signedOut'));
    }
    // The core announces the remaining accounts (accounts:changed).
  }, []);

  const retryKeychain = useCallback(async () => {
    setKeychainBusy(true);
    const result = await window.glance.accounts.retryKeychain();
    setKeychainBusy(false);
    if (result.ok) {
      setAccounts(result.value);
      setFlow((current) => (current.error?.code === 'KEYCHAIN_UNAVAILABLE' ? { ...current, error: null } : current));
    } else setFlow({ running: false, progress: null, error: result.error });
  }, [setAccounts]);

  /** The passphrase-protected file: chosen on the keychain screen, or opened at start. */
  const passphraseFile = useCallback(
    async (action: 'use' | 'unlock', passphrase: string): Promise<IpcError | null> => {
      const result =
        action === 'use'
          ? await window.glance.accounts.usePassphraseFile(passphrase)
          : await window.glance.accounts.unlockPassphraseFile(passphrase);
      if (!result.ok) return result.error;
      setAccounts(result.value);
      setFlow((current) => (current.error?.code === 'KEYCHAIN_UNAVAILABLE' ? { ...current, error: null } : current));
      return null;
    },
    [setAccounts],
  );

  const switchAccount = useCallback(
    async (accountId: string) => {
      // Already active (a sign-in just made it so): nothing to ask.
      if (accountsRef.current?.activeAccountId === accountId) return;
      const result = await window.glance.accounts.setActive(accountId);
      if (result.ok) setAccounts(result.value);
    },
    [setAccounts],
  );

  const useDemo = useCallback(async (): Promise<IpcError | null> => {
    const result = await window.glance.config.useDemo();
    if (!result.ok) return result.error;
    setAppInfo(result.value);
    return null;
  }, [setAppInfo]);

  const dismissSettingsReset = useCallback(() => {
    setBoot((current) => {
      if (current.status !== 'ready' || !current.appInfo.settingsReset) return current;
      const { settingsReset: _told, ...appInfo } = current.appInfo;
      return { ...current, appInfo };
    });
    void window.glance.settings.dismissResetNotice();
  }, []);

  const active =
    boot.status === 'ready'
      ? (boot.accounts.accounts.find((account) => account.id === boot.accounts.activeAccountId) ?? null)
      : null;
  // A locked passphrase file holds every token and mail key: nothing can be shown before it opens.
  const passphraseNeeded = boot.status === 'ready' && boot.accounts.passphraseFile?.unlocked === false;
  const appState: AppState =
    boot.status !== 'ready'
      ? boot.status
      : passphraseNeeded
        ? 'keychain-unavailable'
        : active
          ? 'ready'
          : boot.accounts.keychainUnavailable
            ? 'keychain-unavailable'
            : flow.running
              ? 'signing-in'
              : 'signed-out';

  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', appState);
  }, [appState]);

  // One account's keychain entry is that account's banner (in the inbox); this is the keychain as a whole.
  const keychainProblem = boot.status === 'ready' && active !== null && boot.accounts.keychainUnavailable;

  return (
    <>
      <div className="app" data-state={appState} inert={settingsOpen || networkActivityOpen}>
        <AppBanners
          appInfo={boot.status === 'ready' ? boot.appInfo : null}
          keychainProblem={keychainProblem}
          keychainBusy={keychainBusy}
          settingsNotSaved={settingsNotSavedSentence}
          onDismissSettingsNotSaved={dismissSettingsNotSaved}
          onChooseClientFile={() => void chooseClientFile()}
          onRetryKeychain={() => void retryKeychain()}
          onOpenSettings={openSettings}
          onDismissSettingsReset={dismissSettingsReset}
        />
        {appState === 'loading' ? (
          <div className="center-state" role="status" aria-label={t('loading')}>
            <span className="spinner" aria-hidden="true" />
          </div>
        ) : boot.status === 'error' ? (
          <div className="center-state">
            <div className="state-panel" role="alert">
              <h2>{adviceFor(boot.error).title}</h2>
              <p>{adviceFor(boot.error).detail}</p>
              <button type="button" className="button primary" onClick={retryStart}>
                {t('retry')}
              </button>
            </div>
          </div>
        ) : appState === 'keychain-unavailable' && boot.status === 'ready' ? (
          <KeychainScreen
            accounts={boot.accounts}
            platform={boot.appInfo.platform}
            busy={keychainBusy}
            onRetry={() => void retryKeychain()}
            onUsePassphraseFile={(passphrase) => passphraseFile('use', passphrase)}
            onUnlockPassphraseFile={(passphrase) => passphraseFile('unlock', passphrase)}
          />
        ) : active && boot.status === 'ready' ? (
          <>
            <Inbox
              accountsState={boot.accounts}
              settings={settings}
              onSignIn={signIn}
              onSignOut={(id) => void signOut(id)}
              onActivate={(id) => void switchAccount(id)}
              onRetryKeychain={() => void retryKeychain()}
              onUpdateSettings={updateSettings}
              onOpenSettings={openSettings}
              keyboardPaused={settingsOpen || networkActivityOpen}
            />
            <SignInDialog
              flow={flow}
              appInfo={boot.appInfo}
              actions={{
                onSignIn: (hint) => void signIn(hint),
                onChooseClientFile: () => void chooseClientFile(),
                onRetryKeychain: () => void retryKeychain(),
              }}
              onCancel={() => void cancelSignIn()}
              onClose={() => setFlow({ running: false, progress: null, error: null })}
            />
          </>
        ) : (
          <SignInScreen
            appInfo={boot.status === 'ready' ? boot.appInfo : null}
            flow={flow}
            notice={notice}
            onSignIn={(hint) => void signIn(hint)}
            onCancel={() => void cancelSignIn()}
            onChooseClientFile={() => void chooseClientFile()}
            onRetryKeychain={() => void retryKeychain()}
          />
        )}
      </div>
      {settingsOpen ? (
        <SettingsPage
          settings={settings}
          appInfo={boot.status === 'ready' ? boot.appInfo : null}
          accounts={boot.status === 'ready' ? boot.accounts.accounts : []}
          update={updateSettings}
          notSaved={settingsNotSavedSentence}
          onChooseClientFile={() => void chooseClientFile()}
          onUseDemo={useDemo}
          onClose={closeSettings}
        />
      ) : null}
      {networkActivityOpen ? <NetworkActivityDialog onClose={() => setNetworkActivityOpen(false)} /> : null}
      <ProxySignInDialog />
    </>
  );
}
