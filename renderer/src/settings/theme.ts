import { useEffect } from 'react';
import type { Settings } from '../../../electron/shared/ipc-contract.js';

export type ThemeSetting = Settings['theme'];

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme the page shows: the setting, or for `system` what the OS prefers now. */
export function resolveTheme(setting: ThemeSetting): 'light' | 'dark' {
  if (setting !== 'system') return setting;
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/**
 * Shows the theme at once: `<html data-theme>` is what the stylesheet keys its colours on, and
 * `data-theme-setting` says what the person chose.
 */
export function applyTheme(setting: ThemeSetting): void {
  const root = document.documentElement;
  root.dataset.theme = resolveTheme(setting);
  root.dataset.themeSetting = setting;
}

/** Keeps the page's theme on the setting; with `system`, follows the OS when it switches (e.g. at sunset). */
export function useTheme(setting: ThemeSetting): void {
  useEffect(() => {
    applyTheme(setting);
    if (setting !== 'system' || typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(DARK_QUERY);
    const follow = () => applyTheme('system');
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [setting]);
}
