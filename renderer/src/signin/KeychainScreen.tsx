import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AccountsState, IpcError, KeychainProblem } from '../../../electron/shared/ipc-contract.js';
import { adviceFor } from '../shared/errors.js';

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
  const { t } = useTranslation('signin');
  const problem: KeychainProblem = accounts.keychainProblem ?? 'refused';
  if (accounts.passphraseFile && !accounts.passphraseFile.unlocked)
    return (
      <div className="center-state">
        <div className="state-panel keychain-panel" role="alert" data-keychain-problem="passphrase-needed">
          <h2>{t('keychain.passphraseNeeded.title')}</h2>
          <p>{t('keychain.passphraseNeeded.body')}</p>
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
          {busy ? t('keychain.trying') : t('keychain.tryAgain')}
        </button>
        <PassphraseOptIn onSubmit={onUsePassphraseFile} />
      </div>
    </div>
  );
}

// Distribution names and shell commands: the same in every language.
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
  const { t } = useTranslation('signin');
  switch (problem) {
    case 'no-secret-service':
      return (
        <>
          <h2>{t('keychain.noSecretService.title')}</h2>
          <p>{t('keychain.noSecretService.body')}</p>
          {linux ? (
            <>
              <p>{t('keychain.noSecretService.installOne')}</p>
              <ul className="keyring-choices">
                <li>
                  {t('keychain.noSecretService.gnome')}
                  <PackageTable rows={SECRET_SERVICE_PACKAGES} />
                </li>
                <li>
                  <Trans t={t} i18nKey="keychain.noSecretService.kde" components={[<code key="command" />]} />
                </li>
                <li>{t('keychain.noSecretService.keepassxc')}</li>
              </ul>
            </>
          ) : (
            <p>{t('keychain.noSecretService.otherSystems')}</p>
          )}
        </>
      );
    case 'locked':
      return (
        <>
          <h2>{t('keychain.locked.title')}</h2>
          <p>{t('keychain.locked.body')}</p>
        </>
      );
    case 'module-failed':
      return (
        <>
          <h2>{t('keychain.moduleFailed.title')}</h2>
          <p>{linux ? t('keychain.moduleFailed.bodyLinux') : t('keychain.moduleFailed.body')}</p>
          {linux ? (
            <>
              <p>{t('keychain.moduleFailed.installLibsecret')}</p>
              <PackageTable rows={LIBSECRET_PACKAGES} />
            </>
          ) : null}
          <p>{t('keychain.moduleFailed.reinstall')}</p>
        </>
      );
    case 'no-answer':
      return (
        <>
          <h2>{t('keychain.noAnswer.title')}</h2>
          <p>{t('keychain.noAnswer.body')}</p>
        </>
      );
    case 'refused':
    case 'passphrase-needed':
      return (
        <>
          <h2>{t('keychain.refused.title')}</h2>
          <p>{t('keychain.refused.body')}</p>
        </>
      );
    default: {
      const unreachable: never = problem;
      return unreachable;
    }
  }
}

function PassphraseOptIn({ onSubmit }: { onSubmit: (passphrase: string) => Promise<IpcError | null> }) {
  const { t } = useTranslation('signin');
  const [open, setOpen] = useState(false);
  return (
    <div className="passphrase-opt-in">
      <label>
        <input type="checkbox" checked={open} onChange={(event) => setOpen(event.currentTarget.checked)} />{' '}
        {t('keychain.optIn')}
      </label>
      {open ? (
        <>
          <p className="muted">{t('keychain.optInExplained')}</p>
          <PassphraseForm mode="create" onSubmit={onSubmit} />
        </>
      ) : null}
    </div>
  );
}

const MIN_PASSPHRASE_LENGTH = 8;

function PassphraseForm({
  mode,
  onSubmit,
}: {
  mode: 'create' | 'unlock';
  onSubmit: (passphrase: string) => Promise<IpcError | null>;
}) {
  const { t } = useTranslation('signin');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'create' && passphrase.length < MIN_PASSPHRASE_LENGTH)
      return setProblem(t('keychain.tooShort', { min: MIN_PASSPHRASE_LENGTH }));
    if (mode === 'create' && passphrase !== repeat) return setProblem(t('keychain.notTheSame'));
    setBusy(true);
    const error = await onSubmit(passphrase);
    setBusy(false);
    setProblem(error ? adviceFor(error).detail : null);
    if (error) setPassphrase('');
  };
  return (
    <form className="passphrase-form" onSubmit={(event) => void submit(event)}>
      <label>
        {t('keychain.passphrase')}
        <input
          type="password"
          autoComplete={mode === 'create' ? 'new-password' : 'current-password'}
          value={passphrase}
          onChange={(event) => setPassphrase(event.currentTarget.value)}
        />
      </label>
      {mode === 'create' ? (
        <label>
          {t('keychain.repeat')}
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
        {mode === 'create' ? t('keychain.usePassphrase') : t('keychain.open')}
      </button>
    </form>
  );
}
