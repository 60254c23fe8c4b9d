import { useState, type FormEvent } from 'react';
import type { AccountsState, IpcError, KeychainProblem } from '../../../electron/shared/ipc-contract.js';

interface KeychainScreenProps {
  accounts: AccountsState;
  platform: string;
  busy: boolean;
  onRetry: () => void;
  /** Resolves with the error to show, or null when it worked. */
  onUsePassphraseFile: (passphrase: string) => Promise<IpcError | null>;
  onUnlockPassphraseFile: (passphrase: string) => Promise<IpcError | null>;
}

/**
 * The keychain can't keep the sign-in: which problem it is, what to install or unlock, "Try again", and
 * the opt-in file protected by a passphrase. With that file chosen, this screen asks for its passphrase.
 */
export function KeychainScreen({
  accounts,
  platform,
  busy,
  onRetry,
  onUsePassphraseFile,
  onUnlockPassphraseFile,
}: KeychainScreenProps) {
  const problem: KeychainProblem = accounts.keychainProblem ?? 'refused';
  if (accounts.passphraseFile && !accounts.passphraseFile.unlocked)
    return (
      <div className="center-state">
        <div className="state-panel keychain-panel" role="alert" data-keychain-problem="passphrase-needed">
          <h2>Enter your passphrase</h2>
          <p>
            Your Google sign-in is kept in a file protected by a passphrase. Glance needs it once each time it starts.
          </p>
          <PassphraseForm mode="unlock" onSubmit={onUnlockPassphraseFile} />
        </div>
      </div>
    );
  return (
    <div className="center-state">
      <div
        className="state-panel keychain-panel"
        role="alert"
        data-error-code="KEYCHAIN_UNAVAILABLE"
        data-keychain-problem={problem}
      >
        <KeychainProblemText problem={problem} linux={platform === 'linux'} />
        <button type="button" className="button primary" disabled={busy} onClick={onRetry}>
          {busy ? 'Trying…' : 'Try again'}
        </button>
        <PassphraseOptIn onSubmit={onUsePassphraseFile} />
      </div>
    </div>
  );
}

const SECRET_SERVICE_PACKAGES: Array<[string, string]> = [
  ['Debian, Ubuntu, Mint', 'sudo apt install gnome-keyring libsecret-1-0'],
  ['Fedora', 'sudo dnf install gnome-keyring libsecret'],
  ['Arch, Manjaro', 'sudo pacman -S gnome-keyring libsecret'],
  ['openSUSE', 'sudo zypper install gnome-keyring libsecret-1-0'],
];

const LIBSECRET_PACKAGES: Array<[string, string]> = [
  ['Debian, Ubuntu, Mint', 'sudo apt install libsecret-1-0'],
  ['Fedora', 'sudo dnf install libsecret'],
  ['Arch, Manjaro', 'sudo pacman -S libsecret'],
  ['openSUSE', 'sudo zypper install libsecret-1-0'],
];

function PackageTable({ rows }: { rows: Array<[string, string]> }) {
  return (
    <table className="package-table">
      <tbody>
        {rows.map(([distribution, command]) => (
          <tr key={distribution}>
            <th scope="row">{distribution}</th>
            <td>
              <code>{command}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function KeychainProblemText({ problem, linux }: { problem: KeychainProblem; linux: boolean }) {
  switch (problem) {
    case 'no-secret-service':
      return (
        <>
          <h2>No keyring service is running</h2>
          <p>
            Glance keeps your Google sign-in in your desktop’s keyring, which it reaches through the Secret Service on
            D-Bus — and no Secret Service answered.
          </p>
          {linux ? (
            <>
              <p>Install one, log out and back in, then press Try again:</p>
              <ul className="keyring-choices">
                <li>
                  GNOME keyring (any desktop):
                  <PackageTable rows={SECRET_SERVICE_PACKAGES} />
                </li>
                <li>
                  KDE Plasma: KWallet (5.97 or later) provides the Secret Service — enable the wallet in System Settings
                  → KDE Wallet (Debian/Ubuntu: <code>sudo apt install kwalletmanager</code>).
                </li>
                <li>
                  KeePassXC: Tools → Settings → Secret Service Integration → Enable, then in your database’s settings
                  choose the group it exposes.
                </li>
              </ul>
            </>
          ) : (
            <p>Make sure your system keychain is running, then press Try again.</p>
          )}
        </>
      );
    case 'locked':
      return (
        <>
          <h2>Your keyring is locked</h2>
          <p>
            Glance keeps your Google sign-in in your keyring, and it stayed locked. Unlock it — your system may show a
            prompt — then press Try again. (A login keyring unlocks when you log in with your password; automatic login
            leaves it locked.)
          </p>
        </>
      );
    case 'module-failed':
      return (
        <>
          <h2>Glance’s keychain module couldn’t load</h2>
          <p>
            Glance reaches the keychain through a small native module
            {linux ? ' that needs the libsecret library' : ''}, and it failed to load.
          </p>
          {linux ? (
            <>
              <p>Install libsecret, then press Try again:</p>
              <PackageTable rows={LIBSECRET_PACKAGES} />
            </>
          ) : null}
          <p>If it keeps failing, reinstall Glance.</p>
        </>
      );
    case 'no-answer':
      return (
        <>
          <h2>Your keychain didn’t answer</h2>
          <p>
            It may be waiting for you to unlock it in a prompt (look behind other windows). Unlock it, then press Try
            again.
          </p>
        </>
      );
    case 'refused':
    case 'passphrase-needed':
      return (
        <>
          <h2>Your system keychain is locked or unavailable</h2>
          <p>Glance keeps your Google sign-in in the system keychain. Unlock it, then press Try again.</p>
        </>
      );
    default: {
      const unreachable: never = problem;
      return unreachable;
    }
  }
}

function PassphraseOptIn({ onSubmit }: { onSubmit: (passphrase: string) => Promise<IpcError | null> }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="passphrase-opt-in">
      <label>
        <input type="checkbox" checked={open} onChange={(event) => setOpen(event.currentTarget.checked)} /> Keep my
        sign-in in a file protected by a passphrase
      </label>
      {open ? (
        <>
          <p className="muted">
            Glance then keeps your sign-in (and the key of your local mail) in its data folder, encrypted with your
            passphrase, instead of the keychain. It asks for the passphrase each time it starts and never saves it; if
            you forget it, you sign in again.
          </p>
          <PassphraseForm mode="create" onSubmit={onSubmit} />
        </>
      ) : null}
    </div>
  );
}

function PassphraseForm({
  mode,
  onSubmit,
}: {
  mode: 'create' | 'unlock';
  onSubmit: (passphrase: string) => Promise<IpcError | null>;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'create' && passphrase.length < 8) return setProblem('Use at least 8 characters.');
    if (mode === 'create' && passphrase !== repeat) return setProblem('The two passphrases are not the same.');
    setBusy(true);
    const error = await onSubmit(passphrase);
    setBusy(false);
    setProblem(error ? error.message : null);
    if (error) setPassphrase('');
  };
  return (
    <form className="passphrase-form" onSubmit={(event) => void submit(event)}>
      <label>
        Passphrase
        <input
          type="password"
          autoComplete={mode === 'create' ? 'new-password' : 'current-password'}
          value={passphrase}
          onChange={(event) => setPassphrase(event.currentTarget.value)}
        />
      </label>
      {mode === 'create' ? (
        <label>
          Repeat it
          <input
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(event) => setRepeat(event.currentTarget.value)}
          />
        </label>
      ) : null}
      {problem ? (
        <p className="form-error" role="alert" data-testid="passphrase-problem">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="button primary" disabled={busy || passphrase === ''}>
        {mode === 'create' ? 'Use this passphrase' : 'Open'}
      </button>
    </form>
  );
}
