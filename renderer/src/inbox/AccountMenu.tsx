import { useEffect, useRef, useState } from 'react';
import type { AccountView, Settings } from '../../../electron/shared/ipc-contract.js';
import { initialOf } from '../shared/format.js';

interface AccountMenuProps {
  account: AccountView;
  accounts: AccountView[];
  settings: Settings | null;
  onSwitch: (accountId: string) => void;
  onAddAccount: () => void;
  onSignOut: (accountId: string) => void;
  onUpdateSettings: (patch: Partial<Settings>) => void;
}

export function AccountMenu({
  account,
  accounts,
  settings,
  onSwitch,
  onAddAccount,
  onSignOut,
  onUpdateSettings,
}: AccountMenuProps) {
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

  const others = accounts.filter((entry) => entry.id !== account.id);
  return (
    <div className="account" ref={rootRef}>
      <button
        type="button"
        className="account-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Account: ${account.email}`}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="avatar small" aria-hidden="true" data-status={account.status}>
          {initialOf(account.name || account.email)}
        </span>
      </button>
      {open ? (
        <div className="menu" role="menu" aria-label="Account">
          <div className="menu-identity">
            <span className="avatar" aria-hidden="true">
              {initialOf(account.name || account.email)}
            </span>
            <div>
              <div className="menu-name">{account.name || account.email}</div>
              <div className="menu-email">{account.email}</div>
            </div>
          </div>
          {others.length > 0 ? <div className="menu-separator" role="separator" /> : null}
          {others.map((other) => (
            <button
              key={other.id}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                setOpen(false);
                onSwitch(other.id);
              }}
            >
              Switch to {other.email}
            </button>
          ))}
          <div className="menu-separator" role="separator" />
          <label className="menu-item menu-check">
            <input
              type="checkbox"
              role="menuitemcheckbox"
              checked={settings?.markReadOnOpen ?? true}
              disabled={!settings}
              onChange={(event) => onUpdateSettings({ markReadOnOpen: event.target.checked })}
            />
            Mark as read when opened
          </label>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            onClick={() => {
              setOpen(false);
              onAddAccount();
            }}
          >
            Add another account…
          </button>
          <div className="menu-separator" role="separator" />
          <button
            type="button"
            role="menuitem"
            className="menu-item danger"
            onClick={() => {
              setOpen(false);
              onSignOut(account.id);
            }}
          >
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
