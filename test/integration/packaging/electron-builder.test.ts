/**
 * Packaging, as far as a machine without Electron's binary allows: the electron-builder config passes
 * electron-builder's own schema validation, and `electron-builder --linux dir` with a stub Electron
 * (a file carrying a real fuse wire) packs an app.asar whose contents we list with @electron/asar.
 *
 * Needs the built app: run `npm run build` first (`npm test` does). The test says so if dist/ is missing.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listPackage, extractFile } from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from '../../../electron/main/launch-at-login.js';
import { UNPACKED_ICON } from '../../../electron/main/resource-paths.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const BUILT_FILES = [
  'dist/main/main.cjs',
  'dist/main/message-worker.cjs',
  'dist/preload/preload.cjs',
  'dist/renderer/index.html',
];
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Electron's shipped defaults, in wire order (RunAsNode … WasmTrapHandlers): '1' on, '0' off. */
const STOCK_FUSES = '101100011';

async function makeStubElectron(dir: string) {
  await mkdir(dir, { recursive: true });
  // Not a runnable Electron, but the fuse wire sits where @electron/fuses looks for it.
  const binary = Buffer.concat([
    Buffer.from('stub electron binary for packaging tests\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, STOCK_FUSES.length]),
    Buffer.from(STOCK_FUSES),
    Buffer.from('\n'),
  ]);
  await writeFile(join(dir, 'electron'), binary);
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'LICENSE'), 'stub');
  await writeFile(join(dir, 'version'), '45.4.1');
}

describe('electron-builder config', () => {
  it('passes electron-builder’s schema and says what the issue asks', async () => {
    const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = await import('builder-util');
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();

    expect(config.appId).toBe('org.glance.desktop');
    expect(config.productName).toBe('Glance');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/keytar/build/Release/*.node');
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3-multiple-ciphers/build/Release/*.node');
    // Native modules are rebuilt for Electron's ABI (the test below turns it off: it has no Electron headers).
    expect(config.npmRebuild).toBe(true);
    expect(config.afterPack).toBe('build/scripts/after-pack.cjs');
    expect(config.mac).toMatchObject({
      category: 'public.app-category.productivity',
      hardenedRuntime: true,
      target: ['dmg', 'zip'],
    });
    expect(existsSync(join(root, String(config.mac?.entitlements)))).toBe(true);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ perMachine: false });
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Network;Email' });
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { homepage?: string };
    expect(pkg.homepage, 'the deb target needs a homepage in package.json').toMatch(/^https:\/\//);
    for (const icon of ['build/icon.icns', 'build/icon.ico', 'build/icon.png', 'build/icons/png/512x512.png']) {
      expect(existsSync(join(root, icon)), `${icon} (run npm run icons)`).toBe(true);
    }
  });

  it('Linux: an AppImage that starts without libfuse2, a deb that declares its libraries, one window class', async () => {
    const { getConfig } = await import('app-builder-lib/out/util/config/config.js');
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    // "0.0.0" (or unset) is the legacy runtime that needs libfuse.so.2, missing on stock Ubuntu 22.04+.
    expect(config.toolsets?.appimage, 'toolsets.appimage: a static-runtime toolset').toMatch(/^1\.\d+\.\d+$/);
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['libsecret-1-0', 'libnotify4']));
    // Electron sets the window class (WM_CLASS) from package.json's name; the dock matches it to this entry.
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { name: string };
    const entry = (config.linux?.desktop as { entry?: Record<string, string> } | undefined)?.entry;
    expect(entry?.StartupWMClass).toBe(pkg.name);
  });

  it('uninstalling removes the login item: the Windows Run value, and Linux autostart entries of the deb', async () => {
    const { getConfig } = await import('app-builder-lib/out/util/config/config.js');
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    // Electron names the Run value after the AppUserModelId, which main sets to the appId.
    expect(APP_USER_MODEL_ID).toBe(config.appId);
    expect(config.nsis?.include).toBe('build/installer.nsh');
    const nsh = await readFile(join(root, 'build', 'installer.nsh'), 'utf8');
    const uninstall = /!macro customUnInstall([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
    expect(uninstall).toContain('${ifNot} ${isUpdated}');
    for (const key of ['Run', 'Explorer\\StartupApproved\\Run']) {
      expect(uninstall).toContain(
        `DeleteRegValue HKCU "Software\\Microsoft\\Windows\\CurrentVersion\\${key}" "${APP_USER_MODEL_ID}"`,
      );
    }

    // The deb's own removal script replaces electron-builder's default: it must still do all the default does.
    expect(config.deb?.afterRemove).toBe('build/linux/after-remove.sh');
    const script = await readFile(join(root, 'build', 'linux', 'after-remove.sh'), 'utf8');
    const template = await readFile(
      join(root, 'node_modules', 'app-builder-lib', 'templates', 'linux', 'after-remove.tpl'),
      'utf8',
    );
    const commands = (text: string) =>
      text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'));
    expect(commands(script)).toEqual(expect.arrayContaining(commands(template)));
    expect(script).toMatch(/remove\|purge\)[\s\S]*autostart\/glance\.desktop/);
    // Substituted the way electron-builder does, the script is valid shell.
    const substituted = script.replaceAll('${executable}', 'glance').replaceAll('${sanitizedProductName}', 'Glance');
    expect(substituted).not.toMatch(/\$\{[a-zA-Z]+\}/);
    await run('bash', ['-n', '-c', substituted]);
  });

  it('rejects a misspelt option, so the validation above can fail', async () => {
    const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = await import('builder-util');
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    await expect(
      validateConfiguration(
        { ...config, nsis: { ...config.nsis, perMachin: false } } as typeof config,
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/configuration\.nsis/);
  });
});

describe('electron-builder --linux dir with a stub Electron', () => {
  let work = '';
  let asarPath = '';
  let files: string[] = [];

  beforeAll(async () => {
    const missing = BUILT_FILES.filter((file) => !existsSync(join(root, file)));
    if (missing.length > 0)
      throw new Error(`Missing ${missing.join(', ')}: run \`npm run build\` before the packaging test.`);
    work = await mkdtemp(join(tmpdir(), 'glance-pack-'));
    await makeStubElectron(join(work, 'electron-dist'));
    const output = join(work, 'release');
    await run(
      process.execPath,
      [
        join(root, 'node_modules', 'electron-builder', 'cli.js'),
        '--linux',
        'dir',
        '--config',
        'electron-builder.yml',
        `-c.electronDist=${join(work, 'electron-dist')}`,
        `-c.directories.output=${output}`,
        // Rebuilding keytar for Electron would download Electron's headers.
        '-c.npmRebuild=false',
      ],
      { cwd: root, env: { ...process.env, CI: '1' }, maxBuffer: 16 * 1024 * 1024 },
    );
    asarPath = join(output, 'linux-unpacked', 'resources', 'app.asar');
    files = listPackage(asarPath, { isPack: false }).map((file) => file.replaceAll('\\', '/'));
  }, 180_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('packs the main, preload and renderer bundles, the icons and package.json', () => {
    for (const file of [
      '/package.json',
      '/dist/main/main.cjs',
      // Inside app.asar: Electron (17.3+, electron/electron#33216) loads worker_threads scripts from the archive.
      '/dist/main/message-worker.cjs',
      '/dist/preload/preload.cjs',
      '/dist/renderer/index.html',
      '/dist/assets/icon.png',
    ]) {
      expect(files).toContain(file);
    }
    expect(files.some((file) => /^\/dist\/renderer\/assets\/.+\.js$/.test(file))).toBe(true);
    expect(files.some((file) => file.startsWith('/node_modules/google-auth-library/'))).toBe(true);
  });

  it('packs no sources, tests, source maps, dev tooling or secrets', () => {
    const offending = files.filter(
      (file) =>
        /\.(ts|tsx|mts|cts|map)$/.test(file) ||
        /^\/(electron|renderer|test|build)\//.test(file) ||
        /\/(test|tests|__tests__)\//.test(file) ||
        /\.(test|spec)\.[cm]?js$/.test(file) ||
        /client_secret[^/]*\.json$|\.pem$|\/\.env/.test(file) ||
        /^\/node_modules\/(electron|electron-builder|vite|vitest|typescript|esbuild|@playwright|playwright-core)\//.test(
          file,
        ),
    );
    expect(offending).toEqual([]);
  });

  it('packs nothing of the native modules but what runs: no build helpers, headers, sources or build files', () => {
    const native = files.filter((file) =>
      /^\/node_modules\/(keytar|better-sqlite3-multiple-ciphers|node-addon-api|prebuild-install|node-gyp[^/]*|bindings|file-uri-to-path)\//.test(
        file,
      ),
    );
    const offending = native.filter(
      (file) =>
        /\.(h|hh|hpp|c|cc|cpp|gyp|gypi|mk|a|o|lib|exp|pdb|py|sh)$/.test(file) ||
        /\/(src|deps|include|tools|obj|obj\.target|\.deps)\//.test(file) ||
        /^\/node_modules\/(node-addon-api|prebuild-install|node-gyp[^/]*)\//.test(file) ||
        /\/build\/(Makefile|config\.gypi)$/.test(file),
    );
    expect(offending).toEqual([]);
  });

  it('packs the one web-streams-polyfill build that can load (fetch-blob’s), not the other seventeen', () => {
    const builds = files.filter((file) => /^\/node_modules\/web-streams-polyfill\/dist\/[^/]+\.m?js$/.test(file));
    expect(builds).toEqual(['/node_modules/web-streams-polyfill/dist/ponyfill.es2018.js']);
  });

  it('stays within its size budget: app.asar under 8 MB (the app itself is about 1.4 MB of it)', () => {
    expect(statSync(asarPath).size).toBeLessThan(8 * 1024 * 1024);
  });

  it('packs the production package.json', async () => {
    const packed = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(packed.main).toBe('dist/main/main.cjs');
    expect(packed.name).toBe('glance');
    expect(packed.desktopName).toBe('glance.desktop');
    expect(packed).not.toHaveProperty('devDependencies');
    expect(packed).not.toHaveProperty('scripts');
  });

  it('puts the icon the Linux About dialog reads outside app.asar (GTK cannot read the archive)', async () => {
    const outside = join(work, 'release', 'linux-unpacked', 'resources', UNPACKED_ICON);
    expect(existsSync(outside)).toBe(true);
    expect(await readFile(outside)).toEqual(await readFile(join(root, 'build', 'icons', 'png', '512x512.png')));
  });

  it('unpacks keytar’s native module next to the archive', () => {
    expect(existsSync(`${asarPath}.unpacked/node_modules/keytar/build/Release/keytar.node`)).toBe(true);
  });

  it('unpacks the local store’s native module next to the archive, without its C sources', () => {
    const module = '/node_modules/better-sqlite3-multiple-ciphers';
    expect(existsSync(`${asarPath}.unpacked${module}/build/Release/better_sqlite3.node`)).toBe(true);
    // Its JavaScript stays in the archive; the SQLite sources and build leftovers are not shipped.
    expect(files).toContain(`${module}/lib/index.js`);
    expect(files).toContain(`${module}/build/Release/better_sqlite3.node`); // listed, stored unpacked
    expect(
      files.filter((file) => /\/(deps|src)\/|\.a$|test_extension|obj\.target/.test(file) && file.startsWith(module)),
    ).toEqual([]);
  });

  it('flips the fuses in the packed binary (afterPack)', async () => {
    const wire = await getCurrentFuseWire(join(work, 'release', 'linux-unpacked', 'glance'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    // Linux: Electron has no embedded asar integrity check, so the fuse keeps its stock value.
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.DISABLE);
    // The page comes from glance://app/, so file:// keeps no privileges beyond a browser's.
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });
});

describe('after-pack fuse choices per platform', () => {
  it('turns on asar integrity validation on macOS and Windows only', async () => {
    const { createRequire } = await import('node:module');
    const afterPack = createRequire(import.meta.url)(join(root, 'build', 'scripts', 'after-pack.cjs')) as {
      fuseConfig: (
        fuses: unknown,
        platform: string,
        arch: string,
        env?: Record<string, string>,
      ) => Record<string | number, unknown>;
      electronBinaryPath: (context: unknown) => string;
    };
    const fuses = await import('@electron/fuses');
    const integrity = FuseV1Options.EnableEmbeddedAsarIntegrityValidation;
    expect(afterPack.fuseConfig(fuses, 'darwin', 'arm64')).toMatchObject({
      [integrity]: true,
      resetAdHocDarwinSignature: true,
    });
    expect(afterPack.fuseConfig(fuses, 'win32', 'x64')).toMatchObject({
      [integrity]: true,
      resetAdHocDarwinSignature: false,
    });
    expect(afterPack.fuseConfig(fuses, 'linux', 'x64')).not.toHaveProperty(String(integrity));
    // Only CI's smoke-test build (Playwright drives the main process over --inspect) keeps the inspector.
    const inspect = FuseV1Options.EnableNodeCliInspectArguments;
    expect(afterPack.fuseConfig(fuses, 'win32', 'x64', {})).toMatchObject({ [inspect]: false });
    for (const platform of ['darwin', 'win32', 'linux']) {
      expect(afterPack.fuseConfig(fuses, platform, 'x64')).toMatchObject({
        [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      });
    }
    expect(afterPack.fuseConfig(fuses, 'win32', 'x64', { GLANCE_SMOKE_TEST_BUILD: '1' })).toMatchObject({
      [inspect]: true,
      [FuseV1Options.RunAsNode]: false,
      [integrity]: true,
    });
    const packager = { appInfo: { productFilename: 'Glance' }, executableName: 'glance' };
    expect(afterPack.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'darwin', packager })).toBe(
      '/out/Glance.app',
    );
    expect(afterPack.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'win32', packager })).toBe(
      '/out/Glance.exe',
    );
    expect(afterPack.electronBinaryPath({ appOutDir: '/out', electronPlatformName: 'linux', packager })).toBe(
      '/out/glance',
    );
  });
});

describe('the main bundle', () => {
  it('keeps the local store’s native module external (loaded from node_modules, unpacked from app.asar)', async () => {
    const { bundleOptions } = (await import(
      pathToFileURL(join(root, 'build', 'scripts', 'build-electron.mjs')).href
    )) as {
      bundleOptions: () => { main: { external: string[] } };
    };
    expect(bundleOptions().main.external).toContain('better-sqlite3-multiple-ciphers');
    const main = join(root, 'dist', 'main', 'main.cjs');
    if (existsSync(main)) expect(await readFile(main, 'utf8')).toMatch(/require\("better-sqlite3-multiple-ciphers"\)/);
  });
});

describe('the embedded OAuth client (build-time define)', () => {
  it('embeds a client only when the build environment names one', async () => {
    const { embeddedClientDefine } = (await import(
      pathToFileURL(join(root, 'build', 'scripts', 'build-electron.mjs')).href
    )) as {
      embeddedClientDefine: (env: Record<string, string | undefined>) => string;
    };
    expect(embeddedClientDefine({})).toBe('null');
    expect(embeddedClientDefine({ GLANCE_EMBEDDED_CLIENT_ID: '  ' })).toBe('null');
    expect(JSON.parse(embeddedClientDefine({ GLANCE_EMBEDDED_CLIENT_ID: 'id.apps.googleusercontent.com' }))).toEqual({
      clientId: 'id.apps.googleusercontent.com',
    });
    expect(
      JSON.parse(embeddedClientDefine({ GLANCE_EMBEDDED_CLIENT_ID: 'id', GLANCE_EMBEDDED_CLIENT_SECRET: 's' })),
    ).toEqual({ clientId: 'id', clientSecret: 's' });
  });
});

describe('finding the Electron binary without downloading it (start.mjs, dev.mjs)', () => {
  it('uses ELECTRON_OVERRIDE_DIST_PATH when it holds an Electron, and says null otherwise', async () => {
    const { findElectronBinary, ELECTRON_MISSING_MESSAGE } = (await import(
      pathToFileURL(join(root, 'build', 'scripts', 'electron-binary.mjs')).href
    )) as {
      findElectronBinary: (env: Record<string, string | undefined>) => string | null;
      ELECTRON_MISSING_MESSAGE: string;
    };
    const dir = await mkdtemp(join(tmpdir(), 'glance-electron-dist-'));
    try {
      expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir })).toBeNull();
      await makeStubElectron(dir);
      if (process.platform === 'linux')
        expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir })).toBe(join(dir, 'electron'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(ELECTRON_MISSING_MESSAGE).toMatch(/npx install-electron/);
  });
});
