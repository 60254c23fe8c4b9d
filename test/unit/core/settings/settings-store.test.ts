import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { SETTINGS_SCHEMA_VERSION } from '../../../../electron/core/settings/settings-file.js';
import { DEFAULT_SETTINGS, SettingsStore } from '../../../../electron/core/settings/settings-store.js';
import type { Settings } from '../../../../electron/shared/ipc-contract.js';

async function tempDir() {
  return mkdtemp(join(tmpdir(), 'glance-settings-'));
}

async function withFile(content: string) {
  const dir = await tempDir();
  await writeFile(join(dir, 'settings.json'), content);
  return dir;
}

const readJson = async (dir: string) => JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));

/** Every field away from its default, and valid. */
const chosen: Settings = {
  markReadOnOpen: false,
  notifications: false,
  pollSeconds: 300,
  launchAtLogin: true,
  remoteImages: 'never',
  remoteContentSenders: ['news@example.com'],
  trustedLinkDomains: ['example.org'],
  language: 'de',
  listMode: 'messages',
  accountNotifications: {
    'acct-1': { enabled: false, which: 'inbox', labelIds: [] },
    'acct-2': { enabled: true, which: 'labels', labelIds: ['Label_7'] },
  },
  quietHours: { enabled: true, startMinute: 23 * 60, endMinute: 6 * 60 },
  doNotDisturb: { until: null },
  theme: 'dark',
};

describe('SettingsStore', () => {
  it('starts from defaults when there is no file, tells nothing and writes nothing', async () => {
    const dir = await tempDir();
    const store = await SettingsStore.open(dir, memoryLogger());
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.resetNotice()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('persists updates with the schema version and reads them back in a new store', async () => {
    const dir = await tempDir();
    const store = await SettingsStore.open(dir, memoryLogger());
    await store.update({
      markReadOnOpen: false,
      remoteContentSenders: [' News@Example.com ', 'news@example.com', 'junk'],
    });
    const reopened = await SettingsStore.open(dir, memoryLogger());
    expect(reopened.get()).toMatchObject({ markReadOnOpen: false, remoteContentSenders: ['news@example.com'] });
    expect(reopened.resetNotice()).toBeNull();
    expect(await readJson(dir)).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, markReadOnOpen: false });
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('keeps every field of a valid current file', async () => {
    const dir = await withFile(JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, ...chosen }));
    const store = await SettingsStore.open(dir, memoryLogger());
    expect(store.get()).toEqual(chosen);
    expect(store.resetNotice()).toBeNull();
  });

  // One bad value per field: that field alone goes back to its default, every other choice is kept.
  const badValues: Record<keyof Settings, unknown> = {
    markReadOnOpen: 'no',
    notifications: 1,
    pollSeconds: 1,
    launchAtLogin: null,
    remoteImages: 'sometimes',
    remoteContentSenders: 'news@example.com',
    trustedLinkDomains: ['not a domain'],
    accountNotifications: ['acct-1'],
    quietHours: { enabled: true, startMinute: 2000, endMinute: 0 },
    doNotDisturb: { until: -5 },
    theme: 'sepia',
    listMode: 'threads',
    language: 'tlh',
  };
  for (const [field, bad] of Object.entries(badValues) as [keyof Settings, unknown][]) {
    it(`a bad ${field} falls back to its default alone, and the person is told which`, async () => {
      const dir = await withFile(JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, ...chosen, [field]: bad }));
      const store = await SettingsStore.open(dir, memoryLogger());
      expect(store.get()).toEqual({ ...chosen, [field]: DEFAULT_SETTINGS[field] });
      expect(store.resetNotice()).toEqual({ fields: [field], movedAsideAs: null });
      // Repaired on disk at once, so the next start does not tell again.
      const again = await SettingsStore.open(dir, memoryLogger());
      expect(again.get()).toEqual(store.get());
      expect(again.resetNotice()).toBeNull();
    });
  }

  it('a bad entry in accountNotifications drops that account’s entry only', async () => {
    const dir = await withFile(
      JSON.stringify({
        schemaVersion: SETTINGS_SCHEMA_VERSION,
        ...chosen,
        accountNotifications: {
          ...chosen.accountNotifications,
          'acct-3': { enabled: 'maybe', which: 'inbox', labelIds: [] },
          'not an id!': { enabled: true, which: 'inbox', labelIds: [] },
        },
      }),
    );
    const store = await SettingsStore.open(dir, memoryLogger());
    expect(store.get().accountNotifications).toEqual(chosen.accountNotifications);
    expect(store.get()).toEqual(chosen);
    expect(store.resetNotice()?.fields).toEqual(['accountNotifications']);
  });

  it('a bad trusted sender drops that sender only', async () => {
    const dir = await withFile(
      JSON.stringify({
        schemaVersion: SETTINGS_SCHEMA_VERSION,
        ...chosen,
        remoteContentSenders: ['news@example.com', 42, 'not an address', 'Shop@Example.org'],
      }),
    );
    const store = await SettingsStore.open(dir, memoryLogger());
    expect(store.get().remoteContentSenders).toEqual(['news@example.com', 'shop@example.org']);
    expect(store.resetNotice()?.fields).toEqual(['remoteContentSenders']);
  });

  for (const [name, content] of [
    ['garbage', '{not json'],
    ['an empty file', ''],
    ['JSON that is not an object', '[1, 2, 3]'],
  ] as const) {
    it(`moves ${name} aside before writing anything, starts from defaults and says every setting was reset`, async () => {
      const dir = await withFile(content);
      const logger = memoryLogger();
      const store = await SettingsStore.open(dir, logger, { now: () => Date.UTC(2026, 11, 7, 12, 30, 0) });
      expect(store.get()).toEqual(DEFAULT_SETTINGS);
      const asideName = 'settings.json.corrupt-2026-12-07T12-30-00-000Z';
      expect(store.resetNotice()).toEqual({ fields: Object.keys(DEFAULT_SETTINGS), movedAsideAs: asideName });
      // The unreadable file is kept byte for byte; a fresh file holds the defaults.
      expect(await readFile(join(dir, asideName), 'utf8')).toBe(content);
      expect(await readJson(dir)).toEqual({ schemaVersion: SETTINGS_SCHEMA_VERSION, ...DEFAULT_SETTINGS });
      expect(logger.lines.some((line) => line.includes('setting it aside'))).toBe(true);
      // Told once: the next start finds a good file.
      expect((await SettingsStore.open(dir, memoryLogger())).resetNotice()).toBeNull();
    });
  }

  it('sets aside a settings file it could not read at all (not only one it could not parse)', async () => {
    const dir = await tempDir();
    // A folder where the file should be: reading fails with EISDIR; it is moved aside like a corrupt file.
    await mkdir(join(dir, 'settings.json'));
    await writeFile(join(dir, 'settings.json', 'inside'), 'kept');
    const store = await SettingsStore.open(dir, memoryLogger(), { now: () => 0 });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.resetNotice()?.movedAsideAs).toBe('settings.json.corrupt-1970-01-01T00-00-00-000Z');
    expect(await readFile(join(dir, 'settings.json.corrupt-1970-01-01T00-00-00-000Z', 'inside'), 'utf8')).toBe('kept');
  });

  it('writes nothing at start-up when an unreadable file cannot be moved aside', async () => {
    const dir = await withFile('{not json');
    // The name it would be moved to is taken by a folder that is not empty: the rename fails (even as root).
    const asideName = 'settings.json.corrupt-1970-01-01T00-00-00-000Z';
    await mkdir(join(dir, asideName));
    await writeFile(join(dir, asideName, 'occupied'), '');
    const store = await SettingsStore.open(dir, memoryLogger(), { now: () => 0 });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.resetNotice()).toEqual({ fields: Object.keys(DEFAULT_SETTINGS), movedAsideAs: null });
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe('{not json');
  });

  it('dismissing the notice means it is not given again', async () => {
    const dir = await withFile(JSON.stringify({ pollSeconds: 'often' }));
    const store = await SettingsStore.open(dir, memoryLogger());
    expect(store.resetNotice()?.fields).toEqual(['pollSeconds']);
    store.dismissResetNotice();
    expect(store.resetNotice()).toBeNull();
  });

  describe('migration', () => {
    it('a version 1 file (no schemaVersion) keeps its choices and becomes the current version', async () => {
      const v1 = {
        markReadOnOpen: false,
        notifications: false,
        pollSeconds: 120,
        launchAtLogin: true,
        remoteContentSenders: [],
      };
      const dir = await withFile(JSON.stringify(v1));
      const store = await SettingsStore.open(dir, memoryLogger());
      expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, ...v1, remoteImages: 'ask' });
      expect(store.resetNotice()).toBeNull();
      expect(await readJson(dir)).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, ...v1 });
    });

    it('version 1 showed trusted senders’ images: someone who trusted senders keeps that (remoteImages trusted)', async () => {
      const dir = await withFile(JSON.stringify({ remoteContentSenders: ['news@example.com'] }));
      const store = await SettingsStore.open(dir, memoryLogger());
      expect(store.get()).toMatchObject({ remoteImages: 'trusted', remoteContentSenders: ['news@example.com'] });
    });

    it('a bad value in a version 1 file is reset alone, after migrating', async () => {
      const dir = await withFile(JSON.stringify({ pollSeconds: -1, remoteContentSenders: ['news@example.com'] }));
      const store = await SettingsStore.open(dir, memoryLogger());
      expect(store.get()).toMatchObject({ pollSeconds: 60, remoteImages: 'trusted' });
      expect(store.resetNotice()?.fields).toEqual(['pollSeconds']);
    });

    it('a schemaVersion that is not a number is read as the current version and written right', async () => {
      const dir = await withFile(JSON.stringify({ schemaVersion: 'two', theme: 'dark' }));
      const store = await SettingsStore.open(dir, memoryLogger());
      expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
      expect(await readJson(dir)).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, theme: 'dark' });
    });

    it('a file from a newer Glance is read field by field, not rewritten at start-up, and keeps its new fields', async () => {
      const newer = JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION + 1, ...chosen, summaryDigest: 'daily' });
      const dir = await withFile(newer);
      const store = await SettingsStore.open(dir, memoryLogger());
      expect(store.get()).toEqual(chosen);
      expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(newer);
      await store.update({ theme: 'light' });
      expect(await readJson(dir)).toMatchObject({
        schemaVersion: SETTINGS_SCHEMA_VERSION + 1,
        theme: 'light',
        summaryDigest: 'daily',
      });
    });
  });

  it('concurrent updates all land: memory and file hold every change, the last write wins per field', async () => {
    const dir = await tempDir();
    const store = await SettingsStore.open(dir, memoryLogger());
    const results = await Promise.all([
      store.update({ theme: 'dark' }),
      store.update({ pollSeconds: 600 }),
      store.update({ markReadOnOpen: false }),
      store.update({ theme: 'light' }),
    ]);
    const expected = { ...DEFAULT_SETTINGS, theme: 'light', pollSeconds: 600, markReadOnOpen: false };
    expect(store.get()).toEqual(expected);
    // Each call sees at least its own change.
    expect(results[1]?.pollSeconds).toBe(600);
    expect(await readJson(dir)).toEqual({ schemaVersion: SETTINGS_SCHEMA_VERSION, ...expected });
    expect((await SettingsStore.open(dir, memoryLogger())).get()).toEqual(expected);
  });

  it('a failed write keeps the choice in memory and the next write saves it', async () => {
    const dir = await tempDir();
    const store = await SettingsStore.open(dir, memoryLogger());
    await mkdir(join(dir, 'settings.json')); // the rename over a folder fails
    await expect(store.update({ theme: 'dark' })).rejects.toThrow();
    expect(store.get().theme).toBe('dark');
    await import('node:fs/promises').then(({ rm }) => rm(join(dir, 'settings.json'), { recursive: true }));
    await store.update({ pollSeconds: 900 });
    expect(await readJson(dir)).toMatchObject({ theme: 'dark', pollSeconds: 900 });
  });
});

describe('trusted-sender addresses', () => {
  it('the settings page and the settings file accept exactly the same addresses', async () => {
    const { isEmailAddress: core } = await import('../../../../electron/core/settings/settings-file.js');
    const { isEmailAddress: page } = await import('../../../../renderer/src/settings/email.js');
    const cases = [
      'news@example.com',
      'a.b+c@sub.example.co.uk',
      ' padded@example.com ',
      'no-at-sign.example.com',
      'two@@example.com',
      'x@localhost',
      'x@example.',
      'Name <x@example.com>',
      'spaced name@example.com',
      `${'a'.repeat(320)}@example.com`,
      '',
    ];
    expect(cases.map(core)).toEqual(cases.map(page));
    expect(cases.map(core)).toEqual([true, true, true, false, false, false, false, false, false, false, false]);
  });
});
