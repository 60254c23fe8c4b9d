/**
 * Plays the person on the emulator's Google pages in a Playwright page (the "system browser" context):
 * the account chooser (the users signed in in that context + "Use another account"), the sign-in page and
 * the consent page — whichever Google shows — until the page leaves Google for the app's redirect.
 */
import type { Page } from '@playwright/test';
import type { ConsentChoice, GoogleStep } from '../../../electron/google-emulator/index.js';

const MAX_PAGES = 4;

/**
 * `choice.email` picks the account: clicked in the chooser when signed in in this browser, else signed in
 * through "Use another account". Default: the login_hint's account, else the chooser's first / the sign-in
 * page's preselected one. Returns the pages seen, e.g. ['signin', 'consent'], or ['chooser'] when Google
 * skipped consent, or [] when it needed no page at all.
 */
export async function passGooglePages(
  page: Page,
  choice: Pick<ConsentChoice, 'email' | 'action'> & { untickGmail?: boolean } = {},
): Promise<GoogleStep[]> {
  const steps: GoogleStep[] = [];
  for (let count = 0; count < MAX_PAGES; count++) {
    await page.waitForLoadState();
    const shown = await page.evaluate(() => ({
      step: document.querySelector('main[data-google-step]')?.getAttribute('data-google-step') ?? null,
      hint: document.querySelector('form[data-login-hint]')?.getAttribute('data-login-hint') ?? null,
      signedIn: [...document.querySelectorAll('button[name="account"]')].map((button) => button.getAttribute('value')),
    }));
    if (shown.step === null) return steps; // left Google: the app's loopback page
    const before = page.url();
    if (shown.step === 'chooser') {
      steps.push('chooser');
      const wanted = choice.email ?? shown.hint ?? shown.signedIn[0];
      if (wanted && shown.signedIn.includes(wanted))
        await page.locator(`button[name="account"][value="${wanted}"]`).click();
      else await page.getByRole('link', { name: 'Use another account' }).click();
    } else if (shown.step === 'signin') {
      steps.push('signin');
      if (choice.email) await page.getByLabel(choice.email, { exact: true }).check();
      await page.getByRole('button', { name: 'Next' }).click();
    } else if (shown.step === 'consent') {
      steps.push('consent');
      if (choice.untickGmail)
        await page
          .locator('input[name="granted_scope"][value="https://www.googleapis.com/auth/gmail.modify"]')
          .uncheck();
      await page.getByRole('button', { name: choice.action === 'deny' ? 'Deny' : 'Allow' }).click();
    } else {
      throw new Error(`passGooglePages: unexpected Google page "${shown.step}".`);
    }
    await page.waitForURL((url) => url.href !== before);
  }
  throw new Error(`passGooglePages: still on Google's pages after ${MAX_PAGES} pages.`);
}
