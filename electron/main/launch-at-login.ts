/**
 * Launch at login belongs to the operating system: the person can turn it off in System Settings
 * (macOS Login Items), Task Manager's Startup apps (Windows) or their desktop's autostart settings
 * (Linux). Glance reads that state and adopts it into its setting at start-up, and writes to the OS only
 * when the person changes the setting in Glance — and then only when the OS disagrees.
 */
import type { Logger } from '../core/logging.js';

/** Windows names the Run registry value after the AppUserModelId; the uninstaller removes it (build/installer.nsh). */
export const APP_USER_MODEL_ID = 'org.glance.desktop';

export interface LoginItemState {
  /** The OS will start Glance at login (or will once the person approves it). */
  enabled: boolean;
  /** macOS 13+: registered, waiting for the person's approval in System Settings → Login Items. */
  pendingApproval: boolean;
}

/** The part of Electron's `app.getLoginItemSettings()` result Glance reads. */
export interface ElectronLoginItemSettings {
  openAtLogin: boolean;
  status?: string;
  executableWillLaunchAtLogin?: boolean;
}

/** What the OS says, per platform (Electron's fields differ: `status` on macOS, StartupApproved on Windows). */
export function loginItemStateFrom(platform: NodeJS.Platform, settings: ElectronLoginItemSettings): LoginItemState {
  if (platform === 'darwin' && typeof settings.status === 'string') {
    const pendingApproval = settings.status === 'requires-approval';
    return { enabled: settings.status === 'enabled' || pendingApproval, pendingApproval };
  }
  if (platform === 'win32' && typeof settings.executableWillLaunchAtLogin === 'boolean') {
    // Turned off in Task Manager: the Run value stays, StartupApproved says disabled.
    return { enabled: settings.executableWillLaunchAtLogin, pendingApproval: false };
  }
  return { enabled: settings.openAtLogin, pendingApproval: false };
}

/** The OS's login items, as the glue reaches them (Electron on macOS/Windows, the autostart file on Linux). */
export interface LoginItemOs {
  read(): Promise<LoginItemState>;
  write(enabled: boolean): Promise<void>;
}

export type LaunchAtLoginChange = 'written' | 'already-so' | 'pending-approval';

/**
 * Applies the person's choice made in Glance. Writes only when the OS disagrees, so a pending macOS
 * approval is never registered a second time (which would ask again) and nothing is rewritten needlessly.
 */
export async function applyLaunchAtLogin(
  enabled: boolean,
  os: LoginItemOs,
  logger: Pick<Logger, 'info'>,
): Promise<LaunchAtLoginChange> {
  const state = await os.read();
  if (state.enabled === enabled) {
    if (state.pendingApproval) {
      logger.info('Launch at login waits for approval in System Settings → General → Login Items');
      return 'pending-approval';
    }
    return 'already-so';
  }
  await os.write(enabled);
  return 'written';
}

/**
 * At start-up: the OS state wins. When it differs from Glance's setting (changed outside Glance, or a
 * copied settings file), the setting is updated to match; the OS is never written here.
 * @returns the state adopted, or null when nothing changed.
 */
export async function adoptLoginItemState(
  setting: boolean,
  os: Pick<LoginItemOs, 'read'>,
  saveSetting: (enabled: boolean) => Promise<void>,
): Promise<LoginItemState | null> {
  const state = await os.read();
  if (state.enabled === setting) return null;
  await saveSetting(state.enabled);
  return state;
}
