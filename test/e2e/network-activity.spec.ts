/**
 * Help → Network activity end to end: the built renderer in Chromium, the real core and the Google emulator.
 * The menu item sends `command:run` { command: 'networkActivity' }; the dialog lists Glance's own requests
 * (only the emulator, standing in for Google) and the window's (a sender's host only after Show).
 */
import { expect, test, type Page } from '@playwright/test';
import { SPECIAL_SUBJECTS } from '../../electron/google-emulator/index.js';
import { launchGlance, signInThroughBrowser, type GlanceApp } from './support/glance-app.js';

const EMAIL = 'alex@example.com';
let app: GlanceApp;

test.afterEach(async () => {
  await app?.close();
});

/** What the main process does for Help → Network Activity. */
async function openFromHelpMenu(page: Page) {
  await page.evaluate(() => window.__glanceEmit('command:run', { command: 'networkActivity' }));
  const dialog = page.getByRole('dialog', { name: 'Network activity' });
  // Its tables come with the core's answer (the dialog says "loading" until then).
  await expect(dialog.getByRole('region', { name: "Glance's own requests" })).toBeVisible();
  return dialog;
}

/** Host → requests, as one section of the dialog lists them. */
async function rowsOf(page: Page, section: string): Promise<Array<{ host: string; requests: number }>> {
  const table = page.getByRole('region', { name: section }).getByRole('table');
  if ((await table.count()) === 0) return [];
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({
      host: row.querySelector('.network-host')?.textContent ?? '',
      requests: Number(row.querySelector('.network-count')?.textContent),
    })),
  );
}

test("lists Google's host for Glance's requests, and a sender's host only after Show", async ({ browser }) => {
  app = await launchGlance({ browser, emulator: { users: [{ email: EMAIL, name: 'Alex Rivera', unread: 60 }] } });
  const { page } = app;
  const google = new URL(app.emulator.endpoints.token).host;
  const sender = new URL(app.emulator.remoteContent.origin).host;
  await expect(page.locator('#root')).toHaveAttribute('data-app-state', 'signed-out');
  await signInThroughBrowser(app);
  await expect(page.locator('.inbox')).toHaveAttribute('data-list-state', 'ready');

  let dialog = await openFromHelpMenu(page);
  const own = await rowsOf(page, "Glance's own requests");
  expect(own.map((row) => row.host)).toEqual([google]);
  expect(own[0]!.requests).toBeGreaterThanOrEqual(4); // token, userinfo, Gmail list and batch at least
  // The dialog says what the core counted. The next page is fetched ahead in the background (60 unread), so the
  // count can grow between the dialog's read and this one: refreshed, the dialog catches up.
  await expect
    .poll(async () => {
      await dialog.getByRole('button', { name: 'Refresh' }).click();
      const shown = (await rowsOf(page, "Glance's own requests"))[0]?.requests;
      const counted = app.core.network.activity().hosts.find((host) => host.via === 'glance')?.requests;
      return shown === counted ? 'the same' : `the dialog ${shown}, the core ${counted}`;
    })
    .toBe('the same');
  await expect(dialog.getByText('None: no remote content was shown.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A message with a remote banner: its host is contacted only once the person chooses Show.
  const id = app.emulator
    .mailbox(EMAIL)
    .list()
    .find((message) => message.subject === SPECIAL_SUBJECTS.inlineImage)!.id;
  await page.locator(`[role="option"][data-message-id="${id}"]`).click();
  await expect(page.locator(`article[data-open-message-id="${id}"]`)).toHaveAttribute('data-reader-state', 'ready');
  dialog = await openFromHelpMenu(page);
  expect(await rowsOf(page, 'Shown in the window')).toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('region', { name: 'Remote images' }).getByRole('button', { name: 'Show', exact: true }).click();
  await expect.poll(() => app.emulator.remoteContent.hits.length).toBeGreaterThan(0);
  dialog = await openFromHelpMenu(page);
  await expect
    .poll(async () => {
      await dialog.getByRole('button', { name: 'Refresh' }).click();
      return rowsOf(page, 'Shown in the window');
    })
    .toEqual([{ host: sender, requests: app.emulator.remoteContent.hits.length }]);
  expect((await rowsOf(page, "Glance's own requests")).map((row) => row.host)).toEqual([google]);
});
