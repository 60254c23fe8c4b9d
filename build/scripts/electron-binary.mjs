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

const ELECTRON_VERSION = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
/** How long the download host may take to answer before Glance says so (instead of waiting in silence). */
export const DOWNLOAD_PROBE_TIMEOUT_MS = 15_000;

/** The zip @electron/get (npm start's installer, electron-builder) fetches, honouring ELECTRON_MIRROR. */
export function electronDownloadUrl(env = process.env, platform = process.platform, arch = process.arch) {
  const mirror =
    env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror ?? 'https://github.com/electron/electron/releases/download/';
  const dir = env.ELECTRON_CUSTOM_DIR ?? `v${ELECTRON_VERSION}`;
  const base = mirror.endsWith('/') ? mirror : `${mirror}/`;
  return `${base}${dir}/electron-v${ELECTRON_VERSION}-${platform}-${arch}.zip`;
}

/** The one line printed when the Electron download cannot work: what, which host, and the two ways out. */
export function downloadFailureLine(url, reason) {
  return (
    `Electron ${ELECTRON_VERSION} could not be downloaded from ${new URL(url).host} (${reason}): ` +
    'set ELECTRON_MIRROR to a mirror you can reach (e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/) ' +
    `or ELECTRON_OVERRIDE_DIST_PATH to a folder holding an unpacked Electron ${ELECTRON_VERSION}.`
  );
}

/**
 * Asks the download host for the zip's headers, within `timeoutMs`. Resolves null when it answers 2xx/3xx,
 * else the one line to print (a DNS failure, a refused connection, a time-out, a 404 from a mirror…).
 */
export async function probeElectronDownload(env = process.env, timeoutMs = DOWNLOAD_PROBE_TIMEOUT_MS) {
  const url = electronDownloadUrl(env);
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    if (response.status < 400) return null;
    return downloadFailureLine(url, `HTTP ${response.status}`);
  } catch (error) {
    const code = error?.cause?.code ?? error?.cause?.errors?.[0]?.code ?? error?.code;
    const reason =
      error?.name === 'TimeoutError'
        ? `no answer in ${Math.round(timeoutMs / 1000)} s`
        : (code ?? error?.cause?.message ?? error?.message ?? 'error');
    return downloadFailureLine(url, reason);
  }
}

/**
 * Finds the binary, first letting Electron's own installer download it (Electron 45 fetches it lazily).
 * The host is probed first, so an unreachable one is said in one line within seconds, not after a silent wait.
 * Resolves `{ binary }` or `{ binary: null, line }` with the line to print.
 */
export async function ensureElectronBinary(env = process.env) {
  const found = findElectronBinary(env);
  if (found || env.ELECTRON_OVERRIDE_DIST_PATH) return { binary: found, line: found ? null : ELECTRON_MISSING_MESSAGE };
  const timeoutMs = Number(env.GLANCE_ELECTRON_PROBE_TIMEOUT_MS) || DOWNLOAD_PROBE_TIMEOUT_MS;
  const unreachable = await probeElectronDownload(env, timeoutMs);
  if (unreachable) return { binary: null, line: unreachable };
  console.log(`Downloading Electron ${ELECTRON_VERSION} from ${new URL(electronDownloadUrl(env)).host}…`);
  const { spawnSync } = await import('node:child_process');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    stdio: 'ignore',
    env,
    timeout: 5 * 60_000,
  });
  const binary = findElectronBinary(env);
  if (binary) return { binary, line: null };
  const reason = result.error?.code === 'ETIMEDOUT' ? 'the download took over 5 minutes' : 'the download failed';
  return { binary: null, line: downloadFailureLine(electronDownloadUrl(env), reason) };
}
