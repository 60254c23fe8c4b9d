import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountsState, AppInfo, IpcError, Settings } from '../../../electron/shared/ipc-contract.js';
import { adviceFor, asIpcError, unwrap } from '../shared/errors.js';
import { Inbox } from '../inbox/Inbox.js';
import { SignInScreen, SignInWaiting } from '../signin/SignIn.js';
import type { SignInFlow } from '../signin/SignIn.js';

/** What `#root[data-app-state]` says, so tests (and people reading the DOM) can wait on state, not time. */
export type AppState = 'loading' | 'error' | 'signed-out' | 'signing-in' | 'keychain-unavailable' | 'ready';

type Boot =
  | { status: 'loading' }
  | { status: 'error'; error: IpcError }
  | { status: 'ready'; appInfo: AppInfo; accounts: AccountsState };

export function App() {
  const [boot, setBoot] = useState<Boot>({ status: 'loading' });
  const [settings, setSettings] = useState<Settings | null>(null);
  const [flow, setFlow] = useState<SignInFlow>({ running: false, progress: null, error: null });
  const [notice, setNotice] = useState<string | null>(null);
  const [pendingOpen, setPendingOpen] = useState<{ accountId: string; messageId: string } | null>(null);
  const [keychainBusy, setKeychainBusy] = useState(false);
  const activeIdRef = useRef<string | null>(null);

  const start = useCallback(
    () =>
      Promise.all([unwrap(window.glance.app.info()), unwrap(window.glance.accounts.get())])
        .then(([appInfo, accounts]) => setBoot({ status: 'ready', appInfo, accounts }))
        .catch((thrown: unknown) => setBoot({ status: 'error', error: asIpcError(thrown) }))
        .then(() => window.glance.settings.get())
        .then((loaded) => {
          if (loaded.ok) setSettings(loaded.value);
        }),
    [],
  );
  const retryStart = () => {
    setBoot({ status: 'loading' });
    void start();
  };

  const setAccounts = useCallback((accounts: AccountsState) => {
    setBoot((current) => (current.status === 'ready' ? { ...current, accounts } : current));
  }, []);
  const setAppInfo = useCallback((appInfo: AppInfo) => {
    setBoot((current) => (current.status === 'ready' ? { ...current, appInfo } : current));
  }, []);

  const chooseClientFile = useCallback(async () => {
    const result = await window.glance.config.chooseClientFile();
    if (result.ok) {
      setAppInfo(result.value);
      setNotice(result.value.mode === 'google' ? 'Your Google client is ready. Sign in to continue.' : null);
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
      // The inbox opens messages of its own account; here only the switch to another account happens.
      window.glance.on('message:show', (payload) => {
        if (payload.accountId === activeIdRef.current) return;
        void window.glance.accounts.setActive(payload.accountId).then((active) => {
          if (!active.ok) return;
          setPendingOpen(payload);
          setAccounts(active.value);
        });
      }),
      window.glance.on('command:run', ({ command }) => {
        if (command === 'chooseClientFile') void chooseClientFile();
      }),
    ];
    void start();
    return () => offs.forEach((off) => off());
  }, [start, setAccounts, chooseClientFile]);

  const signIn = useCallback(
    async (loginHint?: string) => {
      setNotice(null);
      setFlow({ running: true, progress: null, error: null, ...(loginHint ? { loginHint } : {}) });
      const result = await window.glance.auth.signIn(loginHint ? { loginHint } : {});
      if (result.ok) {
        setFlow({ running: false, progress: null, error: null });
        const accounts = await window.glance.accounts.get();
        if (accounts.ok) setAccounts(accounts.value);
      } else {
        setFlow({ running: false, progress: null, error: result.error });
      }
    },
    [setAccounts],
  );

  const cancelSignIn = useCallback(async () => {
    await window.glance.auth.cancelSignIn();
  }, []);

  const signOut = useCallback(
    async (accountId: string) => {
      const result = await window.glance.auth.signOut(accountId);
      if (result.ok && !result.value.revoked) {
        setNotice('Signed out. Google could not be told, so also remove Glance at myaccount.google.com/permissions.');
      } else if (!result.ok) {
        setNotice(`Sign-out did not finish: ${adviceFor(result.error).title}. Try again.`);
      } else {
        setNotice('Signed out.');
      }
      const accounts = await window.glance.accounts.get();
      if (accounts.ok) setAccounts(accounts.value);
    },
    [setAccounts],
  );

  const retryKeychain = useCallback(async () => {
    setKeychainBusy(true);
    const result = await window.glance.accounts.retryKeychain();
    setKeychainBusy(false);
    if (result.ok) {
      setAccounts(result.value);
      setFlow((current) => (current.error?.code === 'KEYCHAIN_UNAVAILABLE' ? { ...current, error: null } : current));
    } else setFlow({ running: false, progress: null, error: result.error });
  }, [setAccounts]);

  const switchAccount = useCallback(
    async (accountId: string) => {
      const result = await window.glance.accounts.setActive(accountId);
      if (result.ok) setAccounts(result.value);
    },
    [setAccounts],
  );

  const updateSettings = useCallback(async (patch: Partial<Settings>) => {
    const result = await window.glance.settings.update(patch);
    if (result.ok) setSettings(result.value);
    else setNotice(`Settings were not saved: ${adviceFor(result.error).title}.`);
  }, []);

  const active =
    boot.status === 'ready'
      ? (boot.accounts.accounts.find((account) => account.id === boot.accounts.activeAccountId) ?? null)
      : null;
  const appState: AppState =
    boot.status !== 'ready'
      ? boot.status
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

  useEffect(() => {
    activeIdRef.current = active?.id ?? null;
  });

  const demo = boot.status === 'ready' && boot.appInfo.mode === 'demo';
  const keychainProblem =
    boot.status === 'ready' &&
    active !== null &&
    (boot.accounts.keychainUnavailable || active.status === 'keychain-unavailable');

  return (
    <div className="app" data-state={appState}>
      {demo ? (
        <div className="banner banner-demo" role="note" data-testid="demo-banner">
          <strong>Demo mailbox — not your Gmail.</strong>
          <span>Everything here is made up.</span>
          <button type="button" className="link-button" onClick={() => void chooseClientFile()}>
            Use my Google client…
          </button>
        </div>
      ) : null}
      {boot.status === 'ready' && boot.appInfo.clientConfigError ? (
        <div className="banner banner-warning" role="alert" data-testid="client-config-error">
          <span>
            <strong>Your Google client file can’t be used, so Glance is showing the demo mailbox.</strong>{' '}
            {boot.appInfo.clientConfigError}
          </span>
          <button type="button" className="button small" onClick={() => void chooseClientFile()}>
            Choose another file…
          </button>
        </div>
      ) : null}
      {keychainProblem ? (
        <div className="banner banner-warning" role="alert">
          <span>
            Glance can’t reach your system keychain, so it can’t talk to Google. Unlock your keychain, then retry.
          </span>
          <button type="button" className="button small" disabled={keychainBusy} onClick={() => void retryKeychain()}>
            Retry
          </button>
        </div>
      ) : null}
      {appState === 'loading' ? (
        <div className="center-state" role="status" aria-label="Loading">
          <span className="spinner" aria-hidden="true" />
        </div>
      ) : boot.status === 'error' ? (
        <div className="center-state">
          <div className="state-panel" role="alert">
            <h2>{adviceFor(boot.error).title}</h2>
            <p>{adviceFor(boot.error).detail}</p>
            <button type="button" className="button primary" onClick={retryStart}>
              Retry
            </button>
          </div>
        </div>
      ) : appState === 'keychain-unavailable' ? (
        <div className="center-state">
          <div className="state-panel" role="alert" data-error-code="KEYCHAIN_UNAVAILABLE">
            <h2>Your system keychain is locked or unavailable</h2>
            <p>
              Glance keeps your Google sign-in in the system keychain. Unlock it (you may see a prompt from your
              system), then press Retry.
            </p>
            <button
              type="button"
              className="button primary"
              disabled={keychainBusy}
              onClick={() => void retryKeychain()}
            >
              {keychainBusy ? 'Trying…' : 'Retry'}
            </button>
          </div>
        </div>
      ) : active && boot.status === 'ready' ? (
        <>
          <Inbox
            key={active.id}
            account={active}
            accounts={boot.accounts.accounts}
            settings={settings}
            initialOpenId={pendingOpen?.accountId === active.id ? pendingOpen.messageId : null}
            onSignIn={(hint) => void signIn(hint)}
            onSignOut={(id) => void signOut(id)}
            onSwitchAccount={(id) => void switchAccount(id)}
            onUpdateSettings={updateSettings}
          />
          {flow.running || (flow.error && flow.error.code !== 'SIGN_IN_CANCELLED') ? (
            <div className="dialog-backdrop">
              <div className="dialog" role="dialog" aria-modal="true" aria-label="Sign in">
                {flow.running ? (
                  <SignInWaiting flow={flow} onCancel={() => void cancelSignIn()} />
                ) : flow.error ? (
                  <div className="signin-error" role="alert" data-error-code={flow.error.code}>
                    <strong>{adviceFor(flow.error).title}</strong>
                    <span>{adviceFor(flow.error).detail}</span>
                    <div className="button-row">
                      <button
                        type="button"
                        className="button"
                        onClick={() => setFlow({ running: false, progress: null, error: null })}
                      >
                        Close
                      </button>
                    </div>
                  </div>
                ) : null}
              </div>
            </div>
          ) : null}
        </>
      ) : (
        <SignInScreen
          appInfo={boot.status === 'ready' ? boot.appInfo : null}
          flow={flow}
          notice={notice}
          onSignIn={() => void signIn()}
          onCancel={() => void cancelSignIn()}
          onChooseClientFile={() => void chooseClientFile()}
          onRetryKeychain={() => void retryKeychain()}
        />
      )}
    </div>
  );
}
