/**
 * The person's preferences (`<dataDir>/settings.json`). No secret ever goes here. A missing or corrupt
 * file means defaults; unknown or invalid fields are dropped rather than trusted.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { DEFAULT_SETTINGS, settingsPatch, type Settings } from '../../shared/ipc-contract.js';
import type { Logger } from '../logging.js';
import { writeFileAtomic } from '../storage/atomic-file.js';

export { DEFAULT_SETTINGS };

export type SettingsPatch = z.infer<typeof settingsPatch>;

export class SettingsStore {
  private current: Settings;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    initial: Settings,
  ) {
    this.current = initial;
  }

  static async open(dataDir: string, logger: Logger): Promise<SettingsStore> {
    const path = join(dataDir, 'settings.json');
    let initial = { ...DEFAULT_SETTINGS };
    try {
      const parsed = settingsPatch.strip().safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (parsed.success) initial = normalise({ ...initial, ...parsed.data });
      else logger.warn('settings.json has invalid values; using defaults for them');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        logger.warn('settings.json could not be read; using defaults', { error });
    }
    return new SettingsStore(path, initial);
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    this.current = normalise({ ...this.current, ...patch });
    const snapshot = JSON.stringify(this.current, null, 2);
    // Writes are serialised so an older snapshot can never land after a newer one.
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.path, snapshot));
    await this.writing;
    return this.get();
  }
}

function normalise(settings: Settings): Settings {
  const senders = [
    ...new Set(settings.remoteContentSenders.map((s) => s.trim().toLowerCase()).filter((s) => s.includes('@'))),
  ];
  return { ...settings, remoteContentSenders: senders, trustedLinkDomains: [...new Set(settings.trustedLinkDomains)] };
}
