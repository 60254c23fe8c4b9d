import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { forwardFrameKeys } from '../keyboard/frame-keys.js';
import { watchFrameLinks } from './frame-links.js';
import type { LinkGuard } from './LinkGuard.js';

/**
 * The sanitized body in a sandboxed frame. No `allow-scripts`: nothing in the mail runs. `allow-same-origin`
 * lets the reader (not the mail) watch the frame's links, so hovering shows the real destination and a click
 * goes through the link guard. No `allow-popups`: a link cannot open a window by itself, and a click the
 * guard has not yet seen navigates the frame, which the main process blocks (will-frame-navigate).
 */
export function MailFrame({ srcDoc, remote, links }: { srcDoc: string; remote: boolean; links: LinkGuard }) {
  const { t } = useTranslation('reader');
  const frameRef = useRef<HTMLIFrameElement>(null);
  const { hover, activate } = links;
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    let stop: (() => void) | null = null;
    const attach = () => {
      stop?.();
      const doc = frame.contentDocument;
      if (doc) {
        const stopLinks = watchFrameLinks(doc, { onHover: hover, onActivate: activate });
        // Shortcuts keep working with focus inside the message (see keyboard/frame-keys.ts).
        const stopKeys = forwardFrameKeys(doc, frame);
        stop = () => {
          stopLinks();
          stopKeys();
        };
      } else stop = null;
      // Tests (and anyone debugging) can see that the links of the current document are guarded.
      if (doc) frame.dataset.linksWatched = 'true';
    };
    frame.addEventListener('load', attach);
    attach();
    return () => {
      frame.removeEventListener('load', attach);
      stop?.();
      hover(null);
    };
  }, [srcDoc, hover, activate]);

  return (
    <iframe
      ref={frameRef}
      className="mail-frame"
      title={t('messageContent')}
      sandbox="allow-same-origin"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      data-remote={remote ? 'shown' : 'blocked'}
    />
  );
}
