import { useCallback, useRef, useState } from 'react';
import type { IpcError, Settings, SettingsPatch } from '../../../electron/shared/ipc-contract.js';
import { withSettingsPatch } from '../../../electron/shared/settings-patch.js';
import { asIpcError } from '../shared/errors.js';

export interface SettingsView {
  /** What the window shows: null until the core has said. */
  settings: Settings | null;
  /** Saves a change through `settings:update`; shown at once, the core's answer replaces it. */
  update(patch: SettingsPatch): Promise<void>;
  /** The core's settings (`settings:get`, `settings:changed`). */
  fromCore(settings: Settings): void;
  /** Why the last change was not saved; cleared by the next change that is, or by `dismissNotSaved`. */
  notSaved: IpcError | null;
  dismissNotSaved(): void;
}

/**
 * The settings the window shows. The core owns them; the window shows the core's last word with the changes
 * still on their way laid over it, so a change made before the last one came back (two label ticks within one
 * round trip) builds on it instead of on the settings from before it. While changes are on their way, older
 * answers and events don't move the page back; the answer to the last one is what stays.
 */
export function useSettingsView(): SettingsView {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [notSaved, setNotSaved] = useState<IpcError | null>(null);
  const fromCoreLast = useRef<Settings | null>(null);
  const onTheirWay = useRef(0);

  const fromCore = useCallback((next: Settings) => {
    fromCoreLast.current = next;
    if (onTheirWay.current === 0) setSettings(next);
  }, []);

  const update = useCallback(async (patch: SettingsPatch) => {
    onTheirWay.current += 1;
    setSettings((shown) => (shown ? withSettingsPatch(shown, patch) : shown));
    try {
      const result = await window.glance.settings.update(patch);
      if (result.ok) {
        fromCoreLast.current = result.value;
        setNotSaved(null);
      } else setNotSaved(result.error);
    } catch (thrown) {
      setNotSaved(asIpcError(thrown));
    } finally {
      onTheirWay.current -= 1;
      // The last answer in: show the core's settings (a refused change falls back to what was saved).
      if (onTheirWay.current === 0 && fromCoreLast.current) setSettings(fromCoreLast.current);
    }
  }, []);
  const dismissNotSaved = useCallback(() => setNotSaved(null), []);

  return { settings, update, fromCore, notSaved, dismissNotSaved };
}
