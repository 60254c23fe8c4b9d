import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AccountView, MailboxStatus } from '../../../electron/shared/ipc-contract.js';
import { accountHealth } from './account-marks.js';
import { SessionEndedReasons } from '../signin/SignInProblem.js';

interface AccountBannersProps {
  /** The accounts the view shows. */
  accounts: readonly AccountView[];
  statusOf: (accountId: string) => MailboxStatus | null;
  onSignIn: (email: string) => void;
  onRetryKeychain: () => void;
  /** The Google client is the person's own file (its app may be in Testing, with Google's 7-day limit). */
  ownClient?: boolean;
}

/**
 * One banner per shown account that needs the person: its own words and its own button. The other
 * accounts' rows keep showing and syncing underneath.
 */
export function AccountBanners({
  accounts,
  statusOf,
  onSignIn,
  onRetryKeychain,
  ownClient = false,
}: AccountBannersProps) {
  const { t } = useTranslation('accounts');
  return (
    <>
      {accounts.map((account) => {
        const health = accountHealth(account, statusOf(account.id));
        if (health === 'needs-sign-in') {
          return (
            <AccountBanner
              key={account.id}
              kind="needs-sign-in"
              accountId={account.id}
              action={{ label: t('banner.signInAgain'), run: () => onSignIn(account.email) }}
            >
              <Trans
                t={t}
                i18nKey="banner.needsSignIn"
                values={{ email: account.email }}
                components={[<strong key="email" />]}
              />
              <details className="banner-why">
                <summary>{t('banner.why')}</summary>
                <SessionEndedReasons ownClient={ownClient} />
              </details>
            </AccountBanner>
          );
        }
        if (health === 'google-trouble') {
          // Nothing for the person to do: Glance retries on its own. Said apart from "offline" so nobody
          // checks a connection that works.
          return (
            <AccountBanner key={account.id} kind="google-trouble" accountId={account.id}>
              <Trans
                t={t}
                i18nKey="banner.googleTrouble"
                values={{ email: account.email }}
                components={[<strong key="email" />]}
              />
            </AccountBanner>
          );
        }
        if (health === 'keychain-unavailable') {
          return (
            <AccountBanner
              key={account.id}
              kind="keychain-unavailable"
              accountId={account.id}
              action={{ label: t('banner.retry'), run: onRetryKeychain }}
            >
              <Trans
                t={t}
                i18nKey="banner.keychainUnavailable"
                values={{ email: account.email }}
                components={[<strong key="email" />]}
              />
            </AccountBanner>
          );
        }
        return null;
      })}
    </>
  );
}

/** One account's problem: what happened, in its own words, and the one button that fixes it. */
function AccountBanner({
  kind,
  accountId,
  action,
  children,
}: {
  kind: 'needs-sign-in' | 'keychain-unavailable' | 'google-trouble';
  accountId: string;
  /** The one button that fixes it; none when Glance fixes it on its own. */
  action?: { label: string; run: () => void };
  children: ReactNode;
}) {
  return (
    <div
      className="banner banner-warning"
      role={action ? 'alert' : 'status'}
      data-testid={kind}
      data-account-id={accountId}
    >
      <span>{children}</span>
      {action && (
        <button type="button" className="button small" onClick={action.run}>
          {action.label}
        </button>
      )}
    </div>
  );
}
