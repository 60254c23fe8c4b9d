/**
 * `npm start` and `npm run dist` on a machine that cannot download Electron: one line that names the host
 * tried and the two ways out (ELECTRON_MIRROR, ELECTRON_OVERRIDE_DIST_PATH), within the probe's time-out
 * instead of a silent wait. Mirrors on 127.0.0.1 stand in for an unreachable host: one that never answers,
 * one that refuses.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const script = (name: string) => join(root, 'build', 'scripts', name);
const { findElectronBinary } = (await import(pathToFileURL(script('electron-binary.mjs')).href)) as {
  findElectronBinary: () => string | null;
};
const electronInstalled = findElectronBinary() !== null;

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

function run(name: string, env: Record<string, string>) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [script(name)], {
    cwd: root,
    env: {
      ...process.env,
      ELECTRON_OVERRIDE_DIST_PATH: '',
      electron_config_cache: join(root, 'no-such-cache'),
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ...result, ms: Date.now() - started, lines: result.stderr.trim().split('\n') };
}

describe('the Electron download cannot work', () => {
  it.skipIf(electronInstalled)(
    'npm start: a host that never answers is named in one line after the time-out (skipped where Electron is installed: start would launch it)',
    async () => {
      server = createServer(() => undefined); // accepts, never answers
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = run('start.mjs', { ELECTRON_MIRROR: `http://${host}/`, GLANCE_ELECTRON_PROBE_TIMEOUT_MS: '1000' });
      expect(result.status).toBe(1);
      expect(result.lines).toHaveLength(1);
      expect(result.lines[0]).toContain(`could not be downloaded from ${host} (no answer in 1 s)`);
      expect(result.lines[0]).toMatch(/ELECTRON_MIRROR=.*ELECTRON_OVERRIDE_DIST_PATH/);
      expect(result.ms).toBeLessThan(15_000);
    },
  );

  it('npm run dist: a refused host is named in one line, with no stack trace and before electron-builder runs', async () => {
    // A port that was just free: connections to it are refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = run('dist.mjs', { ELECTRON_MIRROR: `http://${host}/` });
    expect(result.status).toBe(1);
    expect(result.lines).toEqual([expect.stringContaining(`could not be downloaded from ${host} (ECONNREFUSED)`)]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.lines[0]).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  });
});
