import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, MailboxStatus, Settings } from '../../../electron/shared/ipc-contract.js';
import { currentLocale, i18n } from '../i18n/i18n.js';
import { initialOf } from '../shared/format.js';
import { AccountMark } from './AccountMark.js';
import { accountHealth, healthLabel } from './account-marks.js';
import type { AccountHealth, AccountMarkInfo } from './account-marks.js';

export interface AccountSwitcherProps {
  accounts: readonly AccountView[];
  /** The account shown, or null for the unified view. */
  shown: AccountView | null;
  marks: ReadonlyMap<string, AccountMarkInfo>;
  statusOf: (accountId: string) => MailboxStatus | null;
  unifiedCount: number | null;
  settings: Settings | null;
  onShowUnified: () => void;
  onShowAccount: (accountId: string) => void;
  onAddAccount: () => void;
  onSignOut: (accountId: string) => void;
  onUpdateSettings: (patch: Partial<Settings>) => void;
}

const countText = (count: number | null | undefined) =>
  count === null || count === undefined ? '' : count.toLocaleString(currentLocale());

/** An account's menu entry as a screen reader says it: the address, its unread count, a state worth telling. */
function entryLabel(email: string, count: number | null | undefined, health: AccountHealth): string {
  const known = count !== null && count !== undefined;
  const told = health !== 'ready' && health !== 'syncing';
  const t = i18n.getFixedT(null, 'accounts');
  if (known && told) return t('switcher.entryCountHealth', { email, count, health: healthLabel(health) });
  if (known) return t('switcher.entryCount', { email, count });
  if (told) return t('switcher.entryHealth', { email, health: healthLabel(health) });
  return t('switcher.entry', { email });
}

/**
 * The account switcher: Unified (every account's unread mail, with the total), each account with its unread
 * count and state, "Add another account", the mark-read setting and sign-out of the account shown.
 */
export function AccountSwitcher(props: AccountSwitcherProps) {
  const { accounts, shown, marks, statusOf, settings } = props;
  const { t } = useTranslation('accounts');
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        setOpen(false);
      }
    };
    window.addEventListener('mousedown', onPointerDown);
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('mousedown', onPointerDown);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, [open]);

  const choose = (run: () => void) => () => {
    setOpen(false);
    run();
  };
  const shownMark = shown ? marks.get(shown.id) : undefined;
  const unhealthy = accounts.some((account) => accountHealth(account, statusOf(account.id)) !== 'ready');

  return (
    <div className="account" ref={rootRef}>
      <button
        type="button"
        className="account-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={shown ? t('switcher.buttonAccount', { email: shown.email }) : t('switcher.buttonUnified')}
        title={shown ? shown.email : t('switcher.allAccounts')}
        onClick={() => setOpen((value) => !value)}
      >
        {shownMark ? (
          <span className="avatar small" aria-hidden="true" data-status={shown?.status} data-colour={shownMark.colour}>
            {shownMark.initial}
          </span>
        ) : (
          <span className="avatar small unified" aria-hidden="true">
            ∗
          </span>
        )}
        {unhealthy ? <span className="account-alert" aria-hidden="true" /> : null}
      </button>
      {open ? (
        <div className="menu account-menu" role="menu" aria-label={t('switcher.menu')}>
          <div className="menu-identity">
            <span className="avatar" aria-hidden="true">
              {shown ? initialOf(shown.name || shown.email) : '∗'}
            </span>
            <div>
              <div className="menu-name">{shown ? shown.name || shown.email : t('switcher.unified')}</div>
              <div className="menu-email">{shown ? shown.email : t('switcher.unifiedDescription')}</div>
            </div>
          </div>
          <div className="menu-separator" role="separator" />
          {accounts.length > 1 ? (
            <button
              type="button"
              role="menuitemradio"
              aria-checked={shown === null}
              className="menu-item account-entry"
              data-view="unified"
              aria-label={
                props.unifiedCount === null
                  ? t('switcher.unifiedEntry')
                  : t('switcher.unifiedEntryCount', { count: props.unifiedCount })
              }
              onClick={choose(props.onShowUnified)}
            >
              <span className="account-mark unified" aria-hidden="true">
                ∗
              </span>
              <span className="account-entry-text">
                <span className="account-entry-email">{t('switcher.unified')}</span>
                <span className="account-entry-state">{t('switcher.allAccounts')}</span>
              </span>
              <span className="account-entry-count">{countText(props.unifiedCount)}</span>
              <kbd className="account-entry-key">g u</kbd>
            </button>
          ) : null}
          {accounts.map((account, index) => {
            const mark = marks.get(account.id);
            const status = statusOf(account.id);
            const health = accountHealth(account, status);
            const count = status?.unreadCount;
            return (
              <button
                key={account.id}
                type="button"
                role="menuitemradio"
                aria-checked={shown?.id === account.id}
                className="menu-item account-entry"
                data-account-id={account.id}
                data-account-health={health}
                aria-label={entryLabel(account.email, count, health)}
                title={account.email}
                onClick={choose(() => props.onShowAccount(account.id))}
              >
                {mark ? <AccountMark mark={mark} decorative /> : null}
                <span className="account-entry-text">
                  <span className="account-entry-email">{account.email}</span>
                  <span className="account-entry-state" data-health={health}>
                    {healthLabel(health)}
                  </span>
                </span>
                <span className="account-entry-count">{countText(count)}</span>
                {index < 9 ? <kbd className="account-entry-key">g {index + 1}</kbd> : null}
              </button>
            );
          })}
          <button type="button" role="menuitem" className="menu-item" onClick={choose(props.onAddAccount)}>
            {t('switcher.addAccount')}
          </button>
          <div className="menu-separator" role="separator" />
          <label className="menu-item menu-check">
            <input
              type="checkbox"
              role="menuitemcheckbox"
              checked={settings?.markReadOnOpen ?? true}
              disabled={!settings}
              onChange={(event) => props.onUpdateSettings({ markReadOnOpen: event.target.checked })}
            />
            {t('switcher.markReadOnOpen')}
          </label>
          {shown ? (
            <>
              <div className="menu-separator" role="separator" />
              <button
                type="button"
                role="menuitem"
                className="menu-item danger"
                title={t('switcher.signOutOf', { email: shown.email })}
                onClick={choose(() => props.onSignOut(shown.id))}
              >
                {t('switcher.signOut')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
