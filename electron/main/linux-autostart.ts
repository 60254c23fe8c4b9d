/**
 * Launch at login on Linux. Electron's app.setLoginItemSettings covers macOS and Windows only; Linux
 * desktops (GNOME, KDE, Xfce, …) follow the XDG autostart spec: a .desktop file in ~/.config/autostart.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/storage/atomic-file.js';

export const AUTOSTART_FILE = 'glance.desktop';

/** `$XDG_CONFIG_HOME/autostart`, or `~/.config/autostart`. */
export function autostartDir(env: Record<string, string | undefined>, home: string): string {
  const configHome = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart');
}

/** Quotes a path for a desktop entry's Exec key (Desktop Entry Specification, "The Exec key"). */
export function quoteExecArgument(argument: string): string {
  if (!/[\s"'\\`$<>~|&;*?#()]/.test(argument)) return argument;
  return `"${argument.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Glance',
    'Comment=Your unread Gmail, at a glance',
    `Exec=${quoteExecArgument(executable)}`,
    'Icon=glance',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export async function setLinuxAutostart(enabled: boolean, options: { dir: string; executable: string }): Promise<void> {
  const file = join(options.dir, AUTOSTART_FILE);
  if (enabled) await writeFileAtomic(file, autostartEntry(options.executable), { mode: 0o644 });
  else await rm(file, { force: true });
}
