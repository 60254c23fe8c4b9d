import type { AccountView } from '../../../electron/shared/ipc-contract.js';
import { i18n } from '../i18n/i18n.js';
import type { PaletteAction } from '../keyboard/CommandPalette.js';
import { SHORTCUT_HELP, type ShortcutCommand } from '../keyboard/shortcuts.js';

/** Not actions to pick from a list: Esc closes things, and the palette is already open. */
const NOT_IN_PALETTE: ReadonlySet<ShortcutCommand> = new Set(['escape', 'palette', 'goAccount']);

/**
 * The palette's entries: every action of the shortcut registry under its name and keys, "Go to" each account
 * (g 1–9) by its address, and Settings (Ctrl/⌘+, from the app menu).
 */
export function paletteActions(options: {
  run: (command: ShortcutCommand, key?: string) => void;
  accounts: readonly AccountView[];
  openSettings: () => void;
}): PaletteAction[] {
  const { run, accounts } = options;
  const actions: PaletteAction[] = SHORTCUT_HELP.filter(
    (entry) => !NOT_IN_PALETTE.has(entry.command) && (entry.command !== 'goUnified' || accounts.length > 1),
  ).map((entry) => ({ id: entry.command, label: entry.description, keys: entry.keys, run: () => run(entry.command) }));
  accounts.slice(0, 9).forEach((account, index) => {
    if (accounts.length < 2) return;
    const digit = String(index + 1);
    actions.push({
      id: `goAccount-${digit}`,
      label: i18n.t('inbox:palette.goToAccount', { email: account.email }),
      keys: ['g', digit],
      run: () => run('goAccount', digit),
    });
  });
  actions.push({
    id: 'settings',
    label: i18n.t('inbox:palette.openSettings'),
    keys: ['Ctrl+,', '⌘,'],
    run: options.openSettings,
  });
  return actions;
}
