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

test('CJK text renders as real glyphs in the app’s fonts, not as missing-glyph boxes', async () => {
  await expect(app.page.locator('[data-app-state="signed-out"]')).toBeVisible();
  const rendering = await app.page.evaluate(() => {
    const font = `24px ${getComputedStyle(document.body).fontFamily}`;
    const pixels = (text: string): string => {
      const canvas = document.createElement('canvas');
      canvas.width = 48;
      canvas.height = 32;
      const context = canvas.getContext('2d')!;
      context.font = font;
      context.fillText(text, 4, 26);
      return Array.from(context.getImageData(0, 0, 48, 32).data).join(',');
    };
    // A private-use code point has no glyph in any font: what a missing glyph looks like here.
    const missing = pixels('\uE000');
    return { han: pixels('漢') !== missing, kana: pixels('か') !== missing, hangul: pixels('한') !== missing };
  });
  expect(rendering).toEqual({ han: true, kana: true, hangul: true });
});
