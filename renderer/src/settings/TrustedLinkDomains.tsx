import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsPatch } from '../../../electron/shared/ipc-contract.js';

interface TrustedLinkDomainsProps {
  domains: readonly string[];
  update: (patch: SettingsPatch) => Promise<void>;
}

/**
 * The sites whose links open without "Open this link?" (the person chose "Don't ask again" in that
 * question): each visible and removable, so the choice can be taken back. Added only from the question.
 */
export function TrustedLinkDomains({ domains, update }: TrustedLinkDomainsProps) {
  const { t } = useTranslation('settings');
  const listRef = useRef<HTMLUListElement>(null);
  const remove = (domain: string, index: number) => {
    void update({ trustedLinkDomains: domains.filter((entry) => entry !== domain) });
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    (buttons[index + 1] ?? buttons[index - 1])?.focus();
  };
  return (
    <fieldset className="settings-fieldset" aria-describedby="settings-link-domains-help">
      <legend>{t('linkDomains.legend')}</legend>
      <p id="settings-link-domains-help" className="settings-help">
        {t('linkDomains.help')}
      </p>
      {domains.length === 0 ? (
        <p className="settings-empty">{t('linkDomains.empty')}</p>
      ) : (
        <ul className="trusted-list" aria-label={t('linkDomains.legend')} ref={listRef}>
          {domains.map((domain, index) => (
            <li key={domain}>
              <span className="trusted-address">{domain}</span>
              <button
                type="button"
                className="button small"
                aria-label={t('linkDomains.askAgainFor', { domain })}
                onClick={() => remove(domain, index)}
              >
                {t('linkDomains.askAgain')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
