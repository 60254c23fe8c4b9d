/**
 * Launch at login on Linux. Electron's app.setLoginItemSettings covers macOS and Windows only; Linux
 * desktops (GNOME, KDE, Xfce, …) follow the XDG autostart spec: a .desktop file in ~/.config/autostart.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/storage/atomic-file.js';

export const AUTOSTART_FILE = 'glance.desktop';

/** `$XDG_CONFIG_HOME/autostart`, or `~/.config/autostart`. */
export function autostartDir(env: Record<string, string | undefined>, home: string): string {
  const configHome = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart');
}

/**
 * One argument of a desktop entry's Exec key (Desktop Entry Specification, "The Exec key"): quoted when
 * it holds a reserved character, with `"`, `` ` ``, `$` and `\` backslash-escaped inside the quotes; `%`
 * (field codes) doubled. The whole value is then a string value, whose own escape rule doubles every
 * backslash (`escapeStringValue`).
 */
export function quoteExecArgument(argument: string): string {
  const percent = argument.replaceAll('%', '%%');
  if (!/[\s"'\\`$<>~|&;*?#()]/.test(percent)) return percent;
  return `"${percent.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** A desktop entry string value: `\s`, `\n`, `\t`, `\r`, `\\` escapes (a newline would end the key). */
export function escapeStringValue(value: string): string {
  return value.replace(/[\\\n\t\r]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c] ?? c);
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Glance',
    'Comment=Your unread Gmail, at a glance',
    `Exec=${escapeStringValue(quoteExecArgument(executable))}`,
    // When the AppImage is deleted or the deb removed, the desktop ignores this entry instead of failing.
    `TryExec=${escapeStringValue(executable)}`,
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

/**
 * Whether an autostart entry starts the app: the XDG Autostart spec's `Hidden=true` and GNOME's
 * `X-GNOME-Autostart-enabled=false` (what GNOME's startup settings write when switched off) disable it.
 */
export function autostartEntryEnabled(entry: string): boolean {
  const value = (key: string) => new RegExp(`^${key}\\s*=\\s*(.*?)\\s*$`, 'm').exec(entry)?.[1]?.toLowerCase();
  return value('Hidden') !== 'true' && value('X-GNOME-Autostart-enabled') !== 'false';
}

/** The person's desktop starts Glance at login when the entry exists and is not switched off. */
export async function linuxAutostartEnabled(dir: string): Promise<boolean> {
  try {
    return autostartEntryEnabled(await readFile(join(dir, AUTOSTART_FILE), 'utf8'));
  } catch {
    return false;
  }
}
