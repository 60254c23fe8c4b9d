#!/usr/bin/env node
// `npm run dist` (after `npm run build`): electron-builder, but first a quick look at Electron's download
// host when no Electron zip is cached, so a machine that cannot reach it is told in one line within
// seconds (host, ELECTRON_MIRROR, ELECTRON_OVERRIDE_DIST_PATH) instead of a raw ENOTFOUND stack a minute later.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DOWNLOAD_PROBE_TIMEOUT_MS, electronDownloadUrl, probeElectronDownload } from './electron-binary.mjs';

/** @electron/get's cache folder (where electron-builder looks before downloading). */
function electronCacheDir(env = process.env) {
  if (env.electron_config_cache) return env.electron_config_cache;
  if (env.ELECTRON_CACHE) return env.ELECTRON_CACHE;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron');
  if (process.platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron');
}

const zipName = electronDownloadUrl().split('/').pop();
const cached =
  existsSync(electronCacheDir()) &&
  (await import('node:fs'))
    .readdirSync(electronCacheDir(), { recursive: true })
    .some((entry) => String(entry).endsWith(zipName));
if (!cached && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  const timeoutMs = Number(process.env.GLANCE_ELECTRON_PROBE_TIMEOUT_MS) || DOWNLOAD_PROBE_TIMEOUT_MS;
  const unreachable = await probeElectronDownload(process.env, timeoutMs);
  if (unreachable) {
    console.error(unreachable);
    process.exit(1);
  }
}
const builder = join(
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder',
);
const child = spawn(builder, ['--config', 'electron-builder.yml', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
