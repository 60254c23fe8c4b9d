import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListScope } from '../mail/mail-state.js';

interface TopBarProps {
  unreadCount: number | null;
  /** What the count covers, for screen readers: "Unified" or the account's address. */
  countLabel: string;
  searchRef: RefObject<HTMLInputElement | null>;
  searchText: string;
  scope: ListScope;
  onSearchText: (text: string) => void;
  onSearchNow: () => void;
  onScope: (scope: ListScope) => void;
  onRefresh: () => void;
  onHelp: () => void;
  onSettings: () => void;
  /** The account switcher. */
  children: ReactNode;
}

export function TopBar({ searchRef, children, ...props }: TopBarProps) {
  const { t } = useTranslation('inbox');
  const { unreadCount } = props;
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Glance</span>
        <span className="unread-count" aria-live="polite" data-testid="unread-count" title={props.countLabel}>
          {unreadCount === null ? '' : t('topBar.unreadCount', { count: unreadCount })}
        </span>
      </div>
      <form
        className="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          props.onSearchNow();
        }}
      >
        <svg className="icon search-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <circle cx="7" cy="7" r="4.5" fill="none" strokeWidth="1.5" />
          <path d="m10.5 10.5 3 3" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
        <input
          ref={searchRef}
          type="search"
          aria-label={t('topBar.searchLabel')}
          placeholder={t('topBar.searchPlaceholder')}
          value={props.searchText}
          onChange={(event) => props.onSearchText(event.target.value)}
          spellCheck={false}
          autoComplete="off"
        />
        <div className="scope" role="radiogroup" aria-label={t('topBar.searchIn')}>
          {(['unread', 'all'] as const).map((scope) => (
            <button
              key={scope}
              type="button"
              role="radio"
              aria-checked={props.scope === scope}
              className="scope-option"
              onClick={() => props.onScope(scope)}
            >
              {t(scope === 'unread' ? 'topBar.scopeUnread' : 'topBar.scopeAll')}
            </button>
          ))}
        </div>
      </form>
      <div className="topbar-end">
        <button
          type="button"
          className="tool icon-only"
          onClick={props.onRefresh}
          title={t('topBar.refreshTitle')}
          aria-label={t('topBar.refresh')}
        >
          <svg className="icon" viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
            <path
              d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5v3h-3"
              fill="none"
              strokeWidth="1.5"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </button>
        <button
          type="button"
          className="tool icon-only"
          onClick={props.onSettings}
          title={t('topBar.settingsTitle')}
          aria-label={t('topBar.settings')}
          aria-keyshortcuts="Control+Comma Meta+Comma"
        >
          <svg className="icon" viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
            <circle cx="8" cy="8" r="2.2" fill="none" strokeWidth="1.5" />
            <path
              d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4"
              fill="none"
              strokeWidth="1.5"
              strokeLinecap="round"
            />
          </svg>
        </button>
        <button
          type="button"
          className="tool icon-only"
          onClick={props.onHelp}
          title={t('topBar.shortcutsTitle')}
          aria-label={t('topBar.shortcuts')}
        >
          ?
        </button>
        {children}
      </div>
    </header>
  );
}
