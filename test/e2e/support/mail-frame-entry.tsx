/**
 * A page that shows sanitized mail exactly as the reader does, many frames at once: each case goes through
 * the renderer's own `sanitizeMailHtml` (DOMPurify in this Chromium page, remote content blocked) and
 * `mailFrameDocument`, into the reader's own `MailFrame` component (same sandbox, CSP and referrer policy).
 * The spec bundles this with esbuild and calls `window.__glanceRenderBatch` with what the main process's
 * `messageContent` produced.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { LinkGuard } from '../../../renderer/src/reader/LinkGuard.js';
import { MailFrame } from '../../../renderer/src/reader/MailFrame.js';
import { cidImageUrls, type ParsedAttachment } from '../../../renderer/src/reader/parse.js';
import { mailFrameDocument, sanitizeMailHtml } from '../../../renderer/src/reader/sanitize.js';
import { mailFrameFindings } from './frame-findings.js';

export interface RenderCase {
  html: string;
  attachments: ParsedAttachment[];
}

export interface RenderResult {
  /** What the frame's document holds that it must not (script, handler, frame, form, remote reference…). */
  findings: string[];
  /** Whether a script of the mail ran in its frame. */
  ran: boolean;
  /** Characters of text the frame shows. */
  textLength: number;
}

declare global {
  interface Window {
    __glanceRenderBatch(cases: RenderCase[], remoteOrigin: string): Promise<RenderResult[]>;
    pwned?: unknown;
    __glanceRan?: unknown;
  }
}

const links: LinkGuard = { hover: () => undefined, activate: () => undefined, overlay: null };
const container = document.createElement('div');
document.body.append(container);
const root = createRoot(container);
/** The documents shown: the frames are kept between batches, each loading its next document. */
let shown: string[] = [];

/** What the shared check finds in a frame, plus the head this harness writes: one CSP, no refresh, no base. */
function findingsOf(doc: Document, remoteHost: string): string[] {
  const findings = mailFrameFindings(remoteHost, doc);
  // The head is ours: one CSP, no refresh, no base.
  if (doc.head.querySelectorAll('meta[http-equiv="Content-Security-Policy"]').length !== 1) findings.push('CSP meta');
  if (doc.querySelector('meta[http-equiv="refresh" i], base')) findings.push('refresh or base in the document');
  return findings;
}

/** The frame's next load: its srcdoc is parsed asynchronously, so the event comes after the render. */
function nextLoad(frame: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
}

window.__glanceRenderBatch = async (cases, remoteOrigin) => {
  const srcDocs = cases.map(({ html, attachments }) => {
    const sanitized = sanitizeMailHtml(html, { allowRemoteImages: false, cidUrls: cidImageUrls(attachments) });
    return mailFrameDocument(sanitized.html, false);
  });
  const previous = shown;
  shown = srcDocs;
  flushSync(() =>
    root.render(
      <>
        {srcDocs.map((srcDoc, index) => (
          <MailFrame key={index} srcDoc={srcDoc} remote={false} links={links} />
        ))}
      </>,
    ),
  );
  const frames = [...container.querySelectorAll<HTMLIFrameElement>('iframe.mail-frame')];
  if (frames.length !== cases.length) throw new Error(`rendered ${frames.length} frames for ${cases.length} cases`);
  // A frame whose document did not change does not load again.
  await Promise.all(frames.map((frame, index) => (previous[index] === srcDocs[index] ? null : nextLoad(frame))));
  const remoteHost = remoteOrigin.replace(/^https?:/, '');
  return frames.map((frame) => {
    const doc = frame.contentDocument!;
    const win = frame.contentWindow as (Window & typeof globalThis) | null;
    return {
      findings: findingsOf(doc, remoteHost),
      ran: Boolean(win?.pwned ?? win?.__glanceRan),
      textLength: (doc.body.textContent ?? '').length,
    };
  });
};
