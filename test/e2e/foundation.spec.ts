/**
 * The foundation end to end: the built renderer in Chromium shows data that came from the real
 * main-process core through the IPC contract, and a bad argument gets a validation error, not a crash.
 */
import { expect, test } from '@playwright/test';
import { launchGlance, type GlanceApp } from './support/glance-app.js';

let app: GlanceApp;

test.beforeEach(async ({ browser }) => {
  app = await launchGlance({ browser });
});

test.afterEach(async () => {
  await app?.close();
});

test('the renderer starts and shows the sign-in screen from the core’s state', async () => {
  await expect(app.page.locator('[data-app-state="signed-out"]')).toBeVisible();
  await expect(app.page.getByRole('button', { name: /sign in with google/i })).toBeVisible();
  const info = await app.page.evaluate(() => window.glance.app.info());
  expect(info).toEqual({
    ok: true,
    value: expect.objectContaining({ name: 'Glance', version: '0.0.0-e2e', platform: 'linux', mode: 'google' }),
  });
});

test('bad arguments through the bridge come back as validation errors and the app keeps working', async () => {
  await expect(app.page.locator('[data-app-state="signed-out"]')).toBeVisible();
  const results = await app.page.evaluate(async () => {
    const glance = window.glance as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;
    return Promise.all([
      glance.messages!.list!({ accountId: '../../etc', scope: 'unread' }),
      glance.message!.get!('123', { toString: () => 'x' }),
      glance.settings!.update!({ pollSeconds: -5 }),
      window.__glanceInvoke('fs:readFile' as never, ['/etc/passwd']),
    ]);
  });
  for (const result of results) {
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  }
  await expect(app.page.evaluate(() => window.glance.settings.get())).resolves.toMatchObject({ ok: true });
});
