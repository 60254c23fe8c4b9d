import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logging.js';
import { MailStore } from '../../../electron/core/store/mail-store.js';
import { chooseStoreBinding, electronBindingName } from '../../../electron/main/store-native-binding.js';
import { testSecretStore } from '../core/cache/helpers.js';

const runtime = { electronVersion: '45.4.1', platform: 'linux', arch: 'x64' };

type Build = (target: { cwd: string; electronVersion: string; arch: string }) => Promise<void>;
/** The start script (plain JavaScript, as `npm start` runs it). */
const script = (await import(
  pathToFileURL(join(fileURLToPath(import.meta.url), '..', '..', '..', '..', 'build', 'scripts', 'store-native.mjs'))
    .href
)) as {
  electronBindingName: (target: typeof runtime) => string;
  buildFailureReason: (output: string, exitCode: number | null) => string;
  ensureStoreBindingForElectron: (
    options: typeof runtime & { appRoot: string; build: Build; log: (line: string) => void },
  ) => Promise<string | null>;
};
const { buildFailureReason, ensureStoreBindingForElectron } = script;
const scriptName = script.electronBindingName;
const MODULE = 'better-sqlite3-multiple-ciphers';

let appRoot: string;
beforeEach(async () => {
  appRoot = await mkdtemp(join(tmpdir(), 'glance-native-'));
  // A stand-in for node_modules' module: its sources, and the Node build the tests load.
  const module = join(appRoot, 'node_modules', MODULE);
  await mkdir(join(module, 'src'), { recursive: true });
  await mkdir(join(module, 'build', 'Release'), { recursive: true });
  await writeFile(join(module, 'src', 'better_sqlite3.cpp'), 'sources');
  await writeFile(join(module, 'binding.gyp'), '{}');
  await writeFile(join(module, 'build', 'Release', 'better_sqlite3.node'), 'node build');
});
afterEach(async () => {
  await rm(appRoot, { recursive: true, force: true });
});

describe('which native module an Electron run loads', () => {
  it("packaged: node_modules' own (electron-builder rebuilt it); unpackaged: dist/native's Electron build when there is one", () => {
    const base = { ...runtime, appPath: '/app' };
    expect(chooseStoreBinding({ ...base, isPackaged: true }, () => true)).toEqual({ kind: 'node_modules' });
    const path = join('/app', 'dist', 'native', 'better_sqlite3-electron-45.4.1-linux-x64.node');
    expect(chooseStoreBinding({ ...base, isPackaged: false }, (p) => p === path)).toEqual({
      kind: 'electron-build',
      path,
    });
    expect(chooseStoreBinding({ ...base, isPackaged: false }, () => false)).toEqual({ kind: 'missing', path });
  });

  it('the start script builds the file under the name the main process looks for', () => {
    expect(scriptName(runtime)).toBe(electronBindingName(runtime));
    expect(electronBindingName({ ...runtime, electronVersion: '46.0.0' })).not.toBe(electronBindingName(runtime));
  });

  it('the store opens through the binding it is given, and runs without a store (file kept) when it does not load', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'glance-native-store-'));
    try {
      const nodeBuild = join(
        createRequire(import.meta.url).resolve(`${MODULE}/package.json`),
        '..',
        'build',
        'Release',
        'better_sqlite3.node',
      );
      const secretStore = testSecretStore();
      const given = new MailStore({
        paths: { dataDir },
        secretStore,
        logger: memoryLogger(),
        nativeBinding: nodeBuild,
      });
      const opened = await given.open('1');
      expect(opened.status).toBe('empty');
      if (opened.status !== 'unavailable') opened.db.close();
      const logger = memoryLogger();
      const broken = new MailStore({
        paths: { dataDir },
        secretStore,
        logger,
        nativeBinding: join(appRoot, 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node'),
      });
      expect(await broken.open('1')).toEqual({ status: 'unavailable' });
      expect(logger.lines.some((l) => l.includes('could not open the local store; running without it'))).toBe(true);
      expect(await readdir(join(dataDir, 'mail'))).toEqual(['1.db']);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('building the Electron copy at npm start (build/scripts/store-native.mjs)', () => {
  const target = () => join(appRoot, 'dist', 'native', electronBindingName(runtime));

  it('builds from a copy of the sources, never touching the Node build, and reuses the result', async () => {
    const builds: string[][] = [];
    const build = async ({ cwd }: { cwd: string }) => {
      builds.push(await readdir(cwd));
      await mkdir(join(cwd, 'build', 'Release'), { recursive: true });
      await writeFile(join(cwd, 'build', 'Release', 'better_sqlite3.node'), 'electron build');
    };
    const path = await ensureStoreBindingForElectron({ appRoot, ...runtime, build, log: () => undefined });
    expect(path).toBe(target());
    expect(await readFile(target(), 'utf8')).toBe('electron build');
    expect(builds).toEqual([['binding.gyp', 'src'].sort()]); // sources without node_modules' build/
    const nodeBuild = join(appRoot, 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node');
    expect(await readFile(nodeBuild, 'utf8')).toBe('node build');
    expect(await ensureStoreBindingForElectron({ appRoot, ...runtime, build, log: () => undefined })).toBe(path);
    expect(builds).toHaveLength(1);
  });

  it('without network it says why in one line, and the app starts without a store', async () => {
    const lines: string[] = [];
    // What node-gyp prints on a machine that cannot reach electronjs.org (as on this one).
    const offline = [
      'gyp http GET https://electronjs.org/headers/v45.4.1/node-v45.4.1-headers.tar.gz',
      'gyp WARN install got an error, rolling back install',
      'gyp ERR! configure error',
      'gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and',
      'gyp ERR! stack is related to network connectivity. In most cases you are behind a proxy or have bad',
    ].join('\n');
    const build = async () => {
      throw new Error(buildFailureReason(offline, 1));
    };
    expect(await ensureStoreBindingForElectron({ appRoot, ...runtime, build, log: (l: string) => lines.push(l) })).toBe(
      null,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Local store: could not build .* \(no network to download Electron's headers\); Glance starts without a local store/,
    );
    expect(lines[0]).not.toContain('\n');
    expect(existsSync(target())).toBe(false);
  });

  it('names the missing tool when the build fails for another reason', () => {
    expect(buildFailureReason('gyp ERR! stack Error: getaddrinfo ENOTFOUND electronjs.org', 1)).toBe(
      "no network to download Electron's headers (ENOTFOUND)",
    );
    expect(buildFailureReason('gyp info find Python using Python version 3.12\ngyp ERR! build error', 2)).toBe(
      'node-gyp exited with code 2',
    );
    expect(buildFailureReason('gyp ERR! find Python Could not find any Python installation to use', 1)).toBe(
      'python3 is missing',
    );
    expect(buildFailureReason('gyp ERR! stack Error: not found: make', 1)).toBe('no C++ compiler');
  });

  // Building against Electron's real headers and loading the result in Electron needs the headers
  // (downloaded from electronjs.org) and the Electron binary; this machine has no network and neither.
  it.skip('builds with node-gyp against Electron 45 headers and opens a store from inside Electron (needs network and the Electron binary)', () =>
    undefined);
});
