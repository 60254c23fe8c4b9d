/**
 * The corpus of known mail tricks (support/mime-tricks.ts), each sent as its own raw RFC 822 source through the
 * emulator, the real core (parsed in the main process) and the real reader in Chromium. Per case: the reader
 * opens it (no error), the body shows the text a person must see (in the mail frame or the plain-text view)
 * and not what it must hide, the frame holds no script, handler, frame, form, meta, base or remote reference,
 * no script ran (a global, a console line and a dialog are watched), Chromium reported no blocked load (the
 * sanitizer, not only the frame's CSP, stopped it), and the remote-content host logged no hit.
 */
import { expect, test, type Frame } from '@playwright/test';
import { startGoogleEmulator, type GoogleEmulator } from '../../electron/google-emulator/index.js';
import { launchGlance, signInThroughBrowser, type GlanceApp } from './support/glance-app.js';
import { mimeTricks } from './support/mime-tricks.js';
import { mailFrameFindings } from './support/frame-findings.js';
import { watchPage } from './support/page-watch.js';

const EMAIL = 'alex@example.com';

let app: GlanceApp | undefined;
let emulator: GoogleEmulator | undefined;

test.afterEach(async () => {
  await app?.close();
  await emulator?.close();
});

test('every trick of the MIME and HTML corpus shows its text and runs nothing, reaching no remote host', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  emulator = await startGoogleEmulator({ users: [{ email: EMAIL, name: 'Alex Rivera', unread: 0, read: 0 }] });
  const remote = emulator.remoteContent.origin;
  const tricks = mimeTricks(remote);
  const base = Date.now() - tricks.length * 60_000;
  const ids = tricks.map((trick, i) =>
    emulator!.mailbox(EMAIL).add({
      from: { name: 'Mallory', email: 'mallory@example.net' },
      to: { name: 'Alex Rivera', email: EMAIL },
      subject: trick.subject,
      text: trick.visible[0] ?? '',
      raw: trick.raw,
      // Newest first in the list: the first trick on top.
      internalDate: base + (tricks.length - i) * 60_000,
    }),
  );
  app = await launchGlance({ browser, existingEmulator: emulator });
  const page = app.page;
  const { dialogs, scriptLines, blockedLoads } = watchPage(page, remote, 'glance-script-ran');
  await signInThroughBrowser(app);
  await expect(page.locator('.inbox')).toHaveAttribute('data-list-state', 'ready');
  emulator.remoteContent.clearHits();

  const failures: string[] = [];
  for (const [i, trick] of tricks.entries()) {
    const id = ids[i]!;
    await test.step(trick.name, async () => {
      if (i === 0) await page.locator(`[role="option"][data-message-id="${id}"]`).click();
      else {
        // Clicks leave focus in the mail frame; the shortcut belongs to the list.
        await page.locator(`[role="option"][data-message-id="${ids[i - 1]!}"]`).focus();
        await page.keyboard.press('j');
      }
      const reader = page.locator(`article[data-open-message-id="${id}"]`);
      await expect(reader, `${trick.name}: the reader opens it`).toHaveAttribute('data-reader-state', 'ready');
      await expect(page.getByRole('heading', { level: 1 })).toContainText(trick.subject.slice(0, 200));

      let frame: Frame | null = null;
      if (trick.view === 'html') {
        await expect(page.locator('iframe.mail-frame'), `${trick.name}: shown as HTML`).toHaveCount(1);
        frame = (await (await page.locator('iframe.mail-frame').elementHandle())?.contentFrame()) ?? null;
        expect(frame, `${trick.name}: the mail frame has a document`).toBeTruthy();
        await frame!.waitForLoadState('load');
      } else {
        await expect(page.getByTestId('plain-body'), `${trick.name}: shown as plain text`).toHaveCount(1);
      }
      const body = frame ? frame.locator('body') : page.getByTestId('plain-body');
      const shown = await body.innerText();
      for (const text of trick.visible) {
        if (!shown.includes(text)) failures.push(`${trick.name}: does not show ${JSON.stringify(text)}`);
      }
      for (const text of trick.hidden) {
        if (shown.includes(text)) failures.push(`${trick.name}: shows ${JSON.stringify(text)}`);
      }
      if (frame) {
        // Hover and click the mail's text: a surviving handler or javascript: URL would run now. Links with a
        // destination are only hovered (a click opens the link guard's question, which is not this test's).
        for (const text of trick.visible) {
          const target = frame.getByText(text, { exact: false }).first();
          if ((await target.count()) === 0) continue;
          await target.hover({ force: true, timeout: 2_000 }).catch(() => undefined);
          const href = await target.evaluate((element) => element.closest('a[href]')?.getAttribute('href') ?? null);
          if (href === null) await target.click({ force: true, timeout: 2_000 }).catch(() => undefined);
        }
        failures.push(
          ...(await frame.evaluate(mailFrameFindings, remote)).map((finding) => `${trick.name}: ${finding}`),
        );
        const ran = await frame.evaluate(() => (window as unknown as { __glanceRan?: number }).__glanceRan ?? 0);
        if (ran) failures.push(`${trick.name}: script ran in the frame`);
      }
      const ranTop = await page.evaluate(() => (window as unknown as { __glanceRan?: number }).__glanceRan ?? 0);
      if (ranTop) failures.push(`${trick.name}: script ran in the page`);
      for (const hit of emulator!.remoteContent.hits.splice(0)) failures.push(`${trick.name}: remote hit ${hit.path}`);
      for (const line of scriptLines.splice(0)) failures.push(`${trick.name}: ${line}`);
      for (const dialog of dialogs.splice(0)) failures.push(`${trick.name}: dialog ${dialog}`);
      for (const line of blockedLoads.splice(0)) failures.push(`${trick.name}: the CSP had to block ${line}`);
    });
  }
  expect(failures).toEqual([]);
  expect(tricks.length).toBeGreaterThanOrEqual(25);
});
