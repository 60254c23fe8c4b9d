/**
 * Smoke test of the real Electron app: launch the built app, sign in against its demo Google (the
 * emulator it runs in-process), see the unread list, quit. Runs wherever the Electron binary is
 * installed; elsewhere it skips (detected without require('electron'), which would start a download).
 * Needs `npm run build` first (npm test and npm run test:e2e build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { consentOverHttp } from '../../electron/google-emulator/index.js';

const root = resolve('.');

function electronBinary(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const name =
      process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : process.platform === 'win32'
          ? 'electron.exe'
          : 'electron';
    return existsSync(join(override, name)) ? join(override, name) : null;
  }
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const distDir = join(root, 'node_modules', 'electron', 'dist');
  const binary = resolve(distDir, readFileSync(pathFile, 'utf8').trim());
  return binary.startsWith(distDir) && existsSync(binary) ? binary : null;
}

/** Plays the person in the system browser: "Allow" on the demo Google's consent page, then the redirect. */
async function allowConsent(authUrl: string): Promise<void> {
  const callback = await consentOverHttp(new URL(authUrl).origin, authUrl, { action: 'allow' });
  // The app's loopback listener receives the code, as if the browser followed the redirect.
  expect((await fetch(callback)).status).toBe(200);
}

test('the Electron app launches, signs in to the demo mailbox, shows unread mail and quits', async () => {
  const binary = electronBinary();
  test.skip(binary === null, 'Electron binary not installed');
  expect(existsSync(join(root, 'dist', 'main', 'main.cjs')), 'run npm run build first').toBe(true);

  const dataDir = await mkdtemp(join(tmpdir(), 'glance-electron-'));
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [root],
    env: { ...process.env, GLANCE_USER_DATA_DIR: dataDir, GLANCE_DEMO: '1' },
  });
  try {
    // The system browser is the test: record the URLs the app would open instead of opening them.
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as unknown as { __openedUrls: string[] }).__openedUrls = opened;
      shell.openExternal = async (url: string) => {
        opened.push(url);
      };
    });
    const window = await app.firstWindow();
    await expect(window.locator('#root')).toHaveAttribute('data-app-state', 'signed-out');
    await window
      .getByRole('button', { name: /sign in/i })
      .first()
      .click();

    let authUrl = '';
    await expect
      .poll(async () => {
        const urls = await app.evaluate(() => (globalThis as unknown as { __openedUrls: string[] }).__openedUrls);
        authUrl = urls.find((url) => url.includes('/o/oauth2/')) ?? '';
        return authUrl;
      })
      .not.toBe('');
    await allowConsent(authUrl);

    await expect(window.locator('#root')).toHaveAttribute('data-app-state', 'ready');
    await expect(window.locator('[data-message-id]').first()).toBeVisible();
    await expect(window).toHaveTitle(/unread/);
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
