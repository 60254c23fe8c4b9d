import type { Settings, SettingsPatch } from './ipc-contract.js';

/**
 * The settings with a change laid over them, as `settings:update` applies it (before the core normalises): each
 * field given replaces that whole field. The window lays changes still on their way over the same way.
 */
export function withSettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return { ...settings, ...given };
}
