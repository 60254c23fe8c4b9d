// @vitest-environment jsdom
/**
 * The reader's real pipeline — Gmail raw → messageContent (postal-mime, in the main process) → the renderer's
 * sanitizeMailHtml (DOMPurify) → the frame document — over generated hostile MIME: nested and broken multiparts, unknown and mislabelled
 * charsets, every transfer encoding, message/rfc822 parts, and HTML built from the tricks mail uses to run
 * script or reach the network (the generator, test/e2e/support/hostile-mime.ts, is shared with e2e
 * mail-render-property.spec.ts, which renders 1,000 of these in Chromium). This checks every generated case at
 * the boundary, 1,000 or more per run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageContent } from '../../../../electron/core/message/message-content.js';
import { cidImageUrls } from '../../../../renderer/src/reader/parse.js';
import { mailFrameDocument, sanitizeMailHtml } from '../../../../renderer/src/reader/sanitize.js';
import { rawMessage } from '../../renderer/fake-glance.js';
import { hostileMimeMessage } from '../../../e2e/support/hostile-mime.js';

const NUM_RUNS = 1000;

const message = hostileMimeMessage('https://evil.example');

/** Attribute values that would reach the network or run something if kept. */
const SCRIPT_URL = /^\s*(?:javascript|vbscript|data:(?!image\/(?:png|gif|jpe?g|webp|bmp|x-icon|avif);))/i;
const REMOTE_REF = /(?:^|[\s,(])(?:https?:)?\/\/[^\s]/i;

function assertSafe(sanitized: string, frameDoc: string): void {
  const doc = new DOMParser().parseFromString(`<body>${sanitized}</body>`, 'text/html');
  const all = [...doc.querySelectorAll('*')];
  expect(doc.querySelector('script, form, input, button, iframe, frame, object, embed, base, meta, link')).toBeNull();
  for (const element of all) {
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name) ?? '';
      expect(name.startsWith('on'), `${element.tagName} ${name}`).toBe(false);
      expect(SCRIPT_URL.test(value) && name !== 'alt' && name !== 'title', `${element.tagName} ${name}=${value}`).toBe(
        false,
      );
      // Links may point anywhere (they open only through the link guard); nothing else may name a remote URL.
      const isLink = (element.tagName === 'A' || element.tagName === 'AREA') && name === 'href';
      if (!isLink && name !== 'alt' && name !== 'title') {
        expect(REMOTE_REF.test(value), `${element.tagName} ${name}=${value}`).toBe(false);
      }
    }
  }
  for (const style of doc.querySelectorAll('style')) {
    const css = (style.textContent ?? '').replace(/url\("data:image\/[a-z0-9.+-]+;base64,[a-z0-9+/=]*"\)/gi, '');
    expect(css).not.toMatch(/url\(|image-set|@import|\\/i);
  }
  // The frame document's own head is ours: one CSP meta, no refresh, no base.
  const frame = new DOMParser().parseFromString(frameDoc, 'text/html');
  expect(frame.querySelectorAll('meta[http-equiv="refresh" i], base')).toHaveLength(0);
  expect(frame.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')).toHaveLength(1);
}

describe('MIME → parse → sanitize (fast-check)', () => {
  it(`never throws past the parser and never keeps script, forms, refresh, base or a remote reference (${NUM_RUNS} cases)`, async () => {
    let runs = 0;
    let withHtml = 0;
    await fc.assert(
      fc.asyncProperty(message, async (mime) => {
        runs += 1;
        const parsed = await messageContent({ id: 'm', threadId: 't', labelIds: [], raw: rawMessage(mime) });
        if (parsed.html === null) return;
        withHtml += 1;
        const sanitized = sanitizeMailHtml(parsed.html, {
          allowRemoteImages: false,
          cidUrls: cidImageUrls(parsed.attachments),
        });
        assertSafe(sanitized.html, mailFrameDocument(sanitized.html, false));
      }),
      { numRuns: NUM_RUNS },
    );
    expect(runs).toBe(NUM_RUNS);
    // The generator must exercise the sanitizer, not only the parser.
    expect(withHtml).toBeGreaterThan(NUM_RUNS / 3);
  }, 120_000);
});
