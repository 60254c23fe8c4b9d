/**
 * Files the OS itself reads. Electron reads inside app.asar, other programs cannot: the Linux About
 * dialog passes its icon path to GTK, so the installed app uses the copy electron-builder puts beside the
 * archive (`extraResources` in electron-builder.yml → `process.resourcesPath/icon.png`).
 */
import { join } from 'node:path';

export const UNPACKED_ICON = 'icon.png';

export function osReadableIconPath(options: { isPackaged: boolean; resourcesPath: string; appPath: string }): string {
  return options.isPackaged
    ? join(options.resourcesPath, UNPACKED_ICON)
    : join(options.appPath, 'dist', 'assets', 'icon.png');
}
