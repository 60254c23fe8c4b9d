// Where the Electron binary is, without require('electron') (which, from Electron 45 on, tries to
// download the binary on first use and fails on machines without network).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Electron executable, or null when it is not installed. */
export function findElectronBinary(env = process.env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const dist = env.ELECTRON_OVERRIDE_DIST_PATH;
    const candidates = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };
    const binary = join(dist, candidates[process.platform] ?? 'electron');
    return existsSync(binary) ? binary : null;
  }
  const electronDir = join(root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const distDir = join(electronDir, 'dist');
  const binary = resolve(distDir, readFileSync(pathFile, 'utf8').trim());
  return binary.startsWith(distDir) && existsSync(binary) ? binary : null;
}

export const ELECTRON_MISSING_MESSAGE = [
  'The Electron binary is not installed, so Glance cannot open its window on this machine.',
  'On a computer with network access, run `npx install-electron` once (Electron 45 downloads its',
  'binary on first use), or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an Electron 45 build.',
  'The rest still works here: `npm run build`, `npm test`, and `npm run emulator`.',
].join('\n');

/**
 * Finds the binary, first letting Electron's own installer download it (Electron 45 fetches it lazily).
 * Offline, the download fails and this returns null; the caller prints ELECTRON_MISSING_MESSAGE.
 */
export async function ensureElectronBinary() {
  const found = findElectronBinary();
  if (found || process.env.ELECTRON_OVERRIDE_DIST_PATH) return found;
  console.log('Electron’s binary is not installed yet; trying to download it…');
  const { spawnSync } = await import('node:child_process');
  spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    stdio: 'ignore',
    timeout: 10 * 60_000,
  });
  return findElectronBinary();
}
