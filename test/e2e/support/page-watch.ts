/**
 * What a page showing hostile mail must never do, recorded as it happens: open a dialog, print a script's marker,
 * or have its CSP block a load from the remote host (the sanitizer should have left nothing to block).
 */
import type { Page } from '@playwright/test';

export interface PageWatch {
  dialogs: string[];
  /** Console lines holding `scriptMarker`: a script in the mail ran. */
  scriptLines: string[];
  /** CSP reports naming the remote host. */
  blockedLoads: string[];
}

export function watchPage(page: Page, remoteOrigin: string, scriptMarker?: string): PageWatch {
  const watch: PageWatch = { dialogs: [], scriptLines: [], blockedLoads: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    const text = message.text();
    if (scriptMarker !== undefined && text.includes(scriptMarker)) watch.scriptLines.push(text);
    // DOMPurify's inert parse of a mail with <base> trips the page's base-uri 'none' without loading anything:
    // not counted.
    if (
      /Content Security Policy/i.test(text) &&
      text.includes(remoteOrigin) &&
      !text.startsWith("Setting the document's base URI")
    ) {
      watch.blockedLoads.push(text.slice(0, 300));
    }
  });
  return watch;
}
