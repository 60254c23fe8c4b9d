import type { AccountView, MailboxStatus } from '../../../electron/shared/ipc-contract.js';
import { accountHealth } from './account-marks.js';

interface AccountBannersProps {
  /** The accounts the view shows. */
  accounts: readonly AccountView[];
  statusOf: (accountId: string) => MailboxStatus | null;
  onSignIn: (email: string) => void;
  onRetryKeychain: () => void;
}

/**
 * One banner per shown account that needs the person: its own words and its own button. The other
 * accounts' rows keep showing and syncing underneath.
 */
export function AccountBanners({ accounts, statusOf, onSignIn, onRetryKeychain }: AccountBannersProps) {
  return (
    <>
      {accounts.map((account) => {
        const health = accountHealth(account, statusOf(account.id));
        if (health === 'needs-sign-in') {
          return (
            <div
              key={account.id}
              className="banner banner-warning"
              role="alert"
              data-testid="needs-sign-in"
              data-account-id={account.id}
            >
              <span>
                <strong>{account.email}</strong> needs you to sign in again — mail already downloaded stays here.
              </span>
              <button type="button" className="button small" onClick={() => onSignIn(account.email)}>
                Sign in again
              </button>
            </div>
          );
        }
        if (health === 'keychain-unavailable') {
          return (
            <div
              key={account.id}
              className="banner banner-warning"
              role="alert"
              data-testid="keychain-unavailable"
              data-account-id={account.id}
            >
              <span>
                Glance can’t reach your system keychain for <strong>{account.email}</strong>, so it can’t talk to Google
                for it. Unlock your keychain, then retry.
              </span>
              <button type="button" className="button small" onClick={onRetryKeychain}>
                Retry
              </button>
            </div>
          );
        }
        return null;
      })}
    </>
  );
}
