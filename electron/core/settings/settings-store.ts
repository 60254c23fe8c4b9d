/**
 * The person's preferences (`<dataDir>/settings.json`). No secret ever goes here.
 *
 * The file never loses a choice: it is read before anything writes it; each field is validated on its own
 * (settings-file.ts), so one bad value falls back to its default and every other field is kept; a file that
 * cannot be parsed at all is moved aside as `settings.json.corrupt-<time>` (never deleted, never written
 * over) and Glance starts from defaults. Either way the person is told once, in the app (`resetNotice`),
 * and the repaired file is written at once so the next start does not tell them again.
 */
import { readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatch,
  type SettingsResetNotice,
} from '../../shared/ipc-contract.js';
import { withSettingsPatch } from '../../shared/settings-patch.js';
import type { Logger } from '../logging.js';
import { writeFileAtomic } from '../storage/atomic-file.js';
import {
  normaliseSettings,
  readSettingsFile,
  SETTINGS_SCHEMA_VERSION,
  settingsFileText,
  versionOf,
  type SettingsField,
} from './settings-file.js';

export { DEFAULT_SETTINGS };

export type { SettingsPatch };

export const SETTINGS_FILE_NAME = 'settings.json';

export interface SettingsStoreOptions {
  /** Time source for the name of a file moved aside. */
  now?: () => number;
}

interface Opened {
  settings: Settings;
  version: number;
  unknownFields: Record<string, unknown>;
  notice: SettingsResetNotice | null;
  /** The file should be written now: migrated, repaired, or replaced after being moved aside. */
  rewrite: boolean;
}

export class SettingsStore {
  private current: Settings;
  private writing: Promise<void> = Promise.resolve();
  private notice: SettingsResetNotice | null;

  private constructor(
    private readonly path: string,
    private readonly opened: Opened,
  ) {
    this.current = opened.settings;
    this.notice = opened.notice;
  }

  static async open(dataDir: string, logger: Logger, options: SettingsStoreOptions = {}): Promise<SettingsStore> {
    const path = join(dataDir, SETTINGS_FILE_NAME);
    const opened = await readOrSetAside(path, logger, options.now ?? Date.now);
    const store = new SettingsStore(path, opened);
    if (opened.rewrite) {
      try {
        await store.write();
      } catch (error) {
        // The settings in memory are right; the next change writes them again.
        logger.warn('settings.json could not be rewritten after reading it', { code: errorCode(error) });
      }
    }
    return store;
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  /** What was reset when the file was read, until the person dismissed it; null when nothing was. */
  resetNotice(): SettingsResetNotice | null {
    return this.notice ? structuredClone(this.notice) : null;
  }

  /** The person has been told (and closed the banner): it is not shown again. */
  dismissResetNotice(): void {
    this.notice = null;
  }

  /**
   * Applies a patch at once (later calls see it) and writes the whole file. Writes are serialised so an
   * older snapshot never lands after a newer one; each carries every change made before it.
   */
  async update(patch: SettingsPatch): Promise<Settings> {
    this.current = normaliseSettings(withSettingsPatch(this.current, patch));
    await this.write();
    return this.get();
  }

  private write(): Promise<void> {
    const text = settingsFileText(
      this.current,
      Math.max(this.opened.version, SETTINGS_SCHEMA_VERSION),
      this.opened.unknownFields,
    );
    const write = () => writeFileAtomic(this.path, text);
    this.writing = this.writing.then(write, write);
    return this.writing;
  }
}

async function readOrSetAside(path: string, logger: Logger, now: () => number): Promise<Opened> {
  const fresh = (notice: SettingsResetNotice | null, rewrite: boolean): Opened => ({
    settings: structuredClone(DEFAULT_SETTINGS),
    version: SETTINGS_SCHEMA_VERSION,
    unknownFields: {},
    notice,
    rewrite,
  });
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fresh(null, false);
    // Unreadable (permissions, a folder in its place): keep it for the person, start from defaults.
    logger.warn('settings.json could not be read; setting it aside and using defaults', { code: errorCode(error) });
    return setAsideAndStartFresh(path, logger, now, fresh);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    logger.warn('settings.json is not a settings file; setting it aside and using defaults');
    return setAsideAndStartFresh(path, logger, now, fresh);
  }
  const read = readSettingsFile(parsed as Record<string, unknown>);
  const newer = read.foundVersion > SETTINGS_SCHEMA_VERSION;
  if (read.reset.length > 0)
    logger.warn('settings.json had unusable values; those settings are back to their defaults', {
      fields: read.reset,
    });
  if (newer) logger.info('settings.json was written by a newer Glance; its unknown settings are kept');
  const migrated = read.foundVersion < SETTINGS_SCHEMA_VERSION;
  if (migrated) logger.info('settings.json migrated', { from: read.foundVersion, to: SETTINGS_SCHEMA_VERSION });
  return {
    settings: read.settings,
    version: read.foundVersion,
    unknownFields: read.unknownFields,
    notice: read.reset.length > 0 ? { fields: read.reset, movedAsideAs: null } : null,
    // A newer Glance's file is only written when the person changes something (its values may mean more).
    rewrite: !newer && (migrated || read.reset.length > 0 || versionOf(parsed as Record<string, unknown>) === null),
  };
}

/**
 * Moves the unreadable file aside and starts from defaults; the notice names every setting. When it cannot
 * be moved, nothing is written at start-up either (only a change the person makes replaces it).
 */
async function setAsideAndStartFresh(
  path: string,
  logger: Logger,
  now: () => number,
  fresh: (notice: SettingsResetNotice, rewrite: boolean) => Opened,
): Promise<Opened> {
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const asideName = `${SETTINGS_FILE_NAME}.corrupt-${stamp}`;
  const fields = Object.keys(DEFAULT_SETTINGS) as SettingsField[];
  try {
    await rename(path, join(dirname(path), asideName));
    return fresh({ fields, movedAsideAs: asideName }, true);
  } catch (error) {
    logger.warn('settings.json could not be set aside', { code: errorCode(error) });
    return fresh({ fields, movedAsideAs: null }, false);
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
}
