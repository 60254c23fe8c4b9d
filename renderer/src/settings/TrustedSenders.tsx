import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch } from '../../../electron/shared/ipc-contract.js';
import { isEmailAddress } from './email.js';

interface TrustedSendersProps {
  senders: readonly string[];
  policy: Settings['remoteImages'];
  update: (patch: SettingsPatch) => Promise<void>;
}

/** The trusted-sender list: every address visible, each removable, and one added at a time with a check. */
export function TrustedSenders({ senders, policy, update }: TrustedSendersProps) {
  const { t } = useTranslation('settings');
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const address = draft.trim().toLowerCase();
    if (address === '') return setError(t('trustedSenders.errorEmpty'));
    if (!isEmailAddress(address)) return setError(t('trustedSenders.errorNotAnAddress', { text: draft.trim() }));
    if (senders.includes(address)) return setError(t('trustedSenders.errorAlreadyTrusted', { address }));
    setError(null);
    setDraft('');
    void update({ remoteContentSenders: [...senders, address] });
  };

  const remove = (address: string, index: number) => {
    void update({ remoteContentSenders: senders.filter((sender) => sender !== address) });
    // Keep the keyboard where it was: the next sender's Remove button, or the address field when none is left.
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    const next = buttons[index + 1] ?? buttons[index - 1];
    (next ?? inputRef.current)?.focus();
  };

  return (
    <fieldset className="settings-fieldset" aria-describedby="settings-trusted-help">
      <legend>{t('trustedSenders.legend')}</legend>
      <p id="settings-trusted-help" className="settings-help">
        {policy === 'trusted' ? t('trustedSenders.helpWhenTrusted') : t('trustedSenders.helpOtherwise')}
      </p>
      {senders.length === 0 ? (
        <p className="settings-empty">{t('trustedSenders.empty')}</p>
      ) : (
        <ul className="trusted-list" aria-label={t('trustedSenders.legend')} ref={listRef}>
          {senders.map((sender, index) => (
            <li key={sender}>
              <span className="trusted-address">{sender}</span>
              <button
                type="button"
                className="button small"
                aria-label={t('trustedSenders.removeAddress', { address: sender })}
                onClick={() => remove(sender, index)}
              >
                {t('trustedSenders.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="trusted-add" onSubmit={add} noValidate>
        <label htmlFor="settings-add-sender">{t('trustedSenders.addLabel')}</label>
        <div className="trusted-add-row">
          <input
            ref={inputRef}
            id="settings-add-sender"
            type="email"
            value={draft}
            placeholder={t('trustedSenders.placeholder')}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error !== null}
            aria-describedby={error ? 'settings-add-sender-error' : undefined}
            onChange={(event) => {
              setDraft(event.target.value);
              if (error) setError(null);
            }}
          />
          <button type="submit" className="button">
            {t('trustedSenders.add')}
          </button>
        </div>
        {error ? (
          <p id="settings-add-sender-error" className="settings-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </fieldset>
  );
}
