import { mkdtemp, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { DEFAULT_SETTINGS, SettingsStore } from '../../../../electron/core/settings/settings-store.js';

async function tempDir() {
  return mkdtemp(join(tmpdir(), 'glance-settings-'));
}

describe('SettingsStore', () => {
  it('starts from defaults when there is no file', async () => {
    const store = await SettingsStore.open(await tempDir(), memoryLogger());
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('persists updates and reads them back in a new store', async () => {
    const dir = await tempDir();
    const store = await SettingsStore.open(dir, memoryLogger());
    await store.update({
      markReadOnOpen: false,
      remoteContentSenders: [' News@Example.com ', 'news@example.com', 'junk'],
    });
    const reopened = await SettingsStore.open(dir, memoryLogger());
    expect(reopened.get()).toMatchObject({ markReadOnOpen: false, remoteContentSenders: ['news@example.com'] });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).markReadOnOpen).toBe(false);
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('falls back to defaults for a corrupt file and says so in the log', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'settings.json'), '{not json');
    const logger = memoryLogger();
    const store = await SettingsStore.open(dir, logger);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(logger.lines.some((line) => line.includes('settings.json could not be read'))).toBe(true);
  });

  it('ignores invalid values instead of trusting them', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ pollSeconds: 1, notifications: 'yes' }));
    const store = await SettingsStore.open(dir, memoryLogger());
    expect(store.get().pollSeconds).toBe(DEFAULT_SETTINGS.pollSeconds);
    expect(store.get().notifications).toBe(DEFAULT_SETTINGS.notifications);
  });
});
