import type { AccountView, MailboxStatus } from '../../../electron/shared/ipc-contract.js';
import { i18n } from '../i18n/i18n.js';
import { initialOf } from '../shared/format.js';

/** How an account is marked on its rows: a colour and an initial; the address names it for everyone. */
export interface AccountMarkInfo {
  accountId: string;
  email: string;
  initial: string;
  /** Index into the palette in styles.css (`--account-0` … `--account-7`). */
  colour: number;
}

export const ACCOUNT_COLOURS = 8;

/**
 * Marks in switcher order. Two accounts of one person share a first letter (alex@work, alex@home), so a
 * clash takes the domain's initial instead, then a number: the initial must tell them apart, not the colour.
 */
export function accountMarks(accounts: readonly AccountView[]): Map<string, AccountMarkInfo> {
  const marks = new Map<string, AccountMarkInfo>();
  const used = new Set<string>();
  accounts.forEach((account, index) => {
    const [local = '', domain = ''] = account.email.split('@');
    const candidates = [initialOf(local || account.email), initialOf(domain), `${initialOf(local)}${index + 1}`];
    const initial = candidates.find((candidate) => candidate !== '?' && !used.has(candidate)) ?? `${index + 1}`;
    used.add(initial);
    marks.set(account.id, { accountId: account.id, email: account.email, initial, colour: index % ACCOUNT_COLOURS });
  });
  return marks;
}

/** What the switcher and banners say about an account. */
export type AccountHealth =
  | 'ready'
  | 'needs-sign-in'
  | 'keychain-unavailable'
  | 'offline'
  | 'google-trouble'
  | 'rate-limited'
  | 'error'
  | 'syncing';

/**
 * Sign-in and keychain state belong to the account (accounts:changed); the sync state says the rest. A sync
 * still saying "needs sign-in" after the account is ready again is the sync catching up, not a problem.
 */
export function accountHealth(account: AccountView, status: MailboxStatus | null | undefined): AccountHealth {
  if (account.status === 'needs-sign-in') return 'needs-sign-in';
  if (account.status === 'keychain-unavailable') return 'keychain-unavailable';
  switch (status?.sync.status) {
    case 'offline':
      return 'offline';
    case 'google-trouble':
      return 'google-trouble';
    case 'rate-limited':
      return 'rate-limited';
    case 'error':
      return 'error';
    case 'syncing':
      return 'syncing';
    default:
      return 'ready';
  }
}

const HEALTH_KEY = {
  ready: 'health.ready',
  syncing: 'health.syncing',
  'needs-sign-in': 'health.needsSignIn',
  'keychain-unavailable': 'health.keychainUnavailable',
  offline: 'health.offline',
  'google-trouble': 'health.googleTrouble',
  'rate-limited': 'health.rateLimited',
  error: 'health.error',
} as const satisfies Record<AccountHealth, string>;

/** An account's state in a few words, in the window's language. */
export function healthLabel(health: AccountHealth): string {
  return i18n.t(HEALTH_KEY[health], { ns: 'accounts' });
}
