import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logging.js';
import { BACKGROUND, buildWindowOptions } from '../../../electron/main/window-options.js';
import {
  clampToDisplays,
  DEFAULT_BOUNDS,
  loadWindowState,
  saveWindowState,
  WINDOW_STATE_FILE,
} from '../../../electron/main/window-state.js';

describe('buildWindowOptions', () => {
  const base = {
    bounds: { x: 10, y: 20, width: 1000, height: 700, maximized: false },
    preloadPath: '/app/dist/preload/preload.cjs',
    platform: 'linux' as const,
  };

  it('applies the Electron security checklist', () => {
    const web = buildWindowOptions({ ...base, darkMode: false }).webPreferences;
    expect(web).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('paints the theme’s background before the page and uses the remembered bounds', () => {
    const dark = buildWindowOptions({ ...base, darkMode: true });
    expect(dark.backgroundColor).toBe(BACKGROUND.dark);
    expect(buildWindowOptions({ ...base, darkMode: false }).backgroundColor).toBe(BACKGROUND.light);
    expect(dark).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false });
  });

  it('leaves the position to the OS when none is remembered', () => {
    const options = buildWindowOptions({
      ...base,
      bounds: { width: 900, height: 600, maximized: false },
      darkMode: false,
    });
    expect(options).not.toHaveProperty('x');
    expect(options).not.toHaveProperty('y');
  });
});

describe('clampToDisplays', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  const right = { x: 1920, y: 0, width: 1280, height: 1000 };

  it('keeps a position that is on an attached display', () => {
    expect(
      clampToDisplays({ x: 2000, y: 50, width: 1000, height: 700, maximized: false }, [primary, right], primary),
    ).toEqual({
      x: 2000,
      y: 50,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('drops the position when the display it was on is gone', () => {
    const clamped = clampToDisplays({ x: 2000, y: 50, width: 1000, height: 700, maximized: true }, [primary], primary);
    expect(clamped).toEqual({ width: 1000, height: 700, maximized: true });
  });

  it('pulls a window hanging off the edge back inside, and shrinks it to fit', () => {
    const clamped = clampToDisplays(
      { x: 1800, y: -300, width: 3000, height: 700, maximized: false },
      [primary],
      primary,
    );
    expect(clamped).toEqual({ x: 0, y: 0, width: 1920, height: 700, maximized: false });
  });

  it('shrinks a position-less size to the primary display', () => {
    expect(clampToDisplays({ width: 5000, height: 5000, maximized: false }, [primary], primary)).toEqual({
      width: 1920,
      height: 1040,
      maximized: false,
    });
  });
});

describe('window state file', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('round-trips bounds', async () => {
    dir = await mkdtemp(join(tmpdir(), 'glance-window-'));
    await saveWindowState(dir, { x: -1200, y: 40, width: 1000, height: 650, maximized: true });
    expect(await loadWindowState(dir, memoryLogger())).toEqual({
      x: -1200,
      y: 40,
      width: 1000,
      height: 650,
      maximized: true,
    });
  });

  it('falls back to the default size for a missing or corrupt file, with a log line for corrupt', async () => {
    dir = await mkdtemp(join(tmpdir(), 'glance-window-'));
    expect(await loadWindowState(dir, memoryLogger())).toEqual(DEFAULT_BOUNDS);
    await writeFile(join(dir, WINDOW_STATE_FILE), '{"width": "huge"');
    const logger = memoryLogger();
    expect(await loadWindowState(dir, logger)).toEqual(DEFAULT_BOUNDS);
    expect(logger.lines.join('\n')).toMatch(/window-state\.json is unreadable/);
    await writeFile(join(dir, WINDOW_STATE_FILE), JSON.stringify({ width: 5, height: 600 }));
    expect(await loadWindowState(dir, memoryLogger())).toEqual(DEFAULT_BOUNDS);
    expect(JSON.parse(await readFile(join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual({ width: 5, height: 600 });
  });
});
