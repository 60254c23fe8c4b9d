/**
 * The reader's mail frame starts with an empty document (about:blank) and loads the sanitized mail (srcdoc) a
 * moment later. Its `data-links-watched` is already set for the empty one, so a test that adds to, clicks in or
 * types into the mail first waits for the mail's own document, loaded (its links watched from its load event).
 */
import { expect, type Page } from '@playwright/test';

export async function expectMailDocumentLoaded(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const mail = document.querySelector<HTMLIFrameElement>('iframe.mail-frame')?.contentDocument;
        return mail ? `${mail.URL} ${mail.readyState}` : 'no mail frame';
      }),
    )
    .toBe('about:srcdoc complete');
}
