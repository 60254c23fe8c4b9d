#!/usr/bin/env node
// `npm start` / `npm run dev`: the local store's native module (better-sqlite3-multiple-ciphers) is not
// N-API, so the copy npm built for Node (which the tests use) does not load in Electron. This builds a
// second copy against Electron's headers into dist/native/ — from a copy of the module's sources, so the
// Node build in node_modules is never touched — and the main process loads it (electron/main/
// store-native-binding.ts). Packaged builds do not need it: electron-builder rebuilds node_modules itself.
// It needs Electron's headers (downloaded once by node-gyp), python3 and a C++ compiler; without them it
// says so in one line and Glance starts without a local store.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STORE_MODULE = 'better-sqlite3-multiple-ciphers';

/** The built file's name: one per Electron version, platform and architecture (a stale one is never loaded). */
export function electronBindingName({ electronVersion, platform, arch }) {
  return `better_sqlite3-electron-${electronVersion}-${platform}-${arch}.node`;
}

export function electronBindingPath({ root: appRoot = root, ...target }) {
  return join(appRoot, 'dist', 'native', electronBindingName(target));
}

/** The one reason a failed build gives (a network error code, or node-gyp's exit), never a stack. */
export function buildFailureReason(output, exitCode) {
  const errors = output
    .split('\n')
    .filter((line) => /ERR!|error/i.test(line))
    .join('\n');
  const code = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b/.exec(errors);
  if (code) return `no network to download Electron's headers (${code[1]})`;
  if (/network connectivity/i.test(errors)) return "no network to download Electron's headers";
  if (/Python/.test(errors)) return 'python3 is missing';
  if (
    /not found: (make|cc|c\+\+|g\+\+)|\b(make|g\+\+|c\+\+|cc)\b.*(not found|No such file)|compiler|Visual Studio/i.test(
      errors,
    )
  )
    return 'no C++ compiler';
  return `node-gyp exited with code ${exitCode}`;
}

/** node-gyp (the one npm uses) in `cwd`, against Electron's headers. */
function runNodeGyp({ cwd, electronVersion, arch }) {
  const nodeGyp = createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new Error(error.message)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(buildFailureReason(output, code)))));
  });
}

async function electronVersionOf(appRoot) {
  const pkg = JSON.parse(await readFile(join(appRoot, 'node_modules', 'electron', 'package.json'), 'utf8'));
  return pkg.version;
}

/**
 * The Electron build of the store's native module in dist/native/, built when missing. Resolves its path,
 * or null after one line saying why it could not be built (the app then starts without a local store).
 */
export async function ensureStoreBindingForElectron({
  appRoot = root,
  electronVersion,
  platform = process.platform,
  arch = process.arch,
  build = runNodeGyp,
  log = (line) => console.warn(line),
} = {}) {
  try {
    const version = electronVersion ?? (await electronVersionOf(appRoot));
    const target = electronBindingPath({ root: appRoot, electronVersion: version, platform, arch });
    if (existsSync(target)) return target;
    console.log(`Building the local store's native module for Electron ${version} (once; about two minutes)…`);
    const work = await mkdtemp(join(tmpdir(), 'glance-store-native-'));
    try {
      const source = join(appRoot, 'node_modules', STORE_MODULE);
      const copy = join(work, STORE_MODULE);
      // Sources only: the Node build (build/) stays where the tests load it from.
      await cp(source, copy, {
        recursive: true,
        filter: (path) => !(dirname(path) === source && basename(path) === 'build'),
      });
      await build({ cwd: copy, electronVersion: version, arch });
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(copy, 'build', 'Release', 'better_sqlite3.node'), target);
      return target;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  } catch (error) {
    log(
      `Local store: could not build its native module for Electron (${error instanceof Error ? error.message : error}); Glance starts without a local store (mail comes from Google each time). Run \`npm start\` again with network access, python3 and a C++ compiler.`,
    );
    return null;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const built = await ensureStoreBindingForElectron();
  if (built) console.log(`Local store module for Electron: ${built}`);
}
