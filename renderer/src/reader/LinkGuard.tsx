import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../electron/shared/ipc-contract.js';
import type { FrameLink } from './frame-links.js';
import { withElements } from './with-elements.js';
import { decideLink, describeConcern, describeLink, type LinkDecision } from './link-safety.js';

type Confirmation = Extract<LinkDecision, { action: 'confirm' }>;

export interface LinkGuardOptions {
  /** Registrable domains the person chose "don't ask again" for (Settings.trustedLinkDomains). */
  trustedLinkDomains: readonly string[];
  onTrustLinkDomain: (domain: string) => void;
  onNotice: (text: string) => void;
  onError: (error: IpcError) => void;
}

export interface LinkGuard {
  /** A link is pointed at or focused (null: none). Stable across renders. */
  hover: (link: FrameLink | null) => void;
  /** A link was activated: opens it, asks first, or says why it will not. Stable across renders. */
  activate: (link: FrameLink) => void;
  /** The status line and, while asking, the confirmation dialog. */
  overlay: ReactNode;
}

/** The reader's links: the real destination on hover/focus, a question before a doubtful one opens. */
export function useLinkGuard(options: LinkGuardOptions): LinkGuard {
  const [status, setStatus] = useState<string | null>(null);
  const [asking, setAsking] = useState<Confirmation | null>(null);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const open = useCallback(async (url: string) => {
    // The main process checks the URL again (electron/core/links.ts): this page is not trusted to.
    const result = await window.glance.shell.openExternal(url);
    if (!result.ok) latest.current.onError(result.error);
  }, []);

  const hover = useCallback((link: FrameLink | null) => {
    if (link === null) return setStatus(null);
    const decision = decideLink(link.href, link.visibleText, latest.current.trustedLinkDomains);
    setStatus(decision.action === 'block' ? decision.label : decision.destination.label);
  }, []);

  const activate = useCallback(
    (link: FrameLink) => {
      const decision = decideLink(link.href, link.visibleText, latest.current.trustedLinkDomains);
      if (decision.action === 'block') latest.current.onNotice(decision.reason);
      else if (decision.action === 'confirm') setAsking(decision);
      else void open(decision.destination.url);
    },
    [open],
  );

  const overlay = (
    <>
      {status !== null ? (
        <div className="link-status" role="status" data-testid="link-status">
          {status}
        </div>
      ) : null}
      {asking ? (
        <LinkConfirmDialog
          decision={asking}
          onCancel={() => setAsking(null)}
          onOpen={(trust) => {
            setAsking(null);
            if (trust && asking.destination.trustKey !== null)
              latest.current.onTrustLinkDomain(asking.destination.trustKey);
            void open(asking.destination.url);
          }}
        />
      ) : null}
    </>
  );
  return { hover, activate, overlay };
}

/** "Open this link?" — the real host first, then why Glance asks. */
function LinkConfirmDialog({
  decision,
  onCancel,
  onOpen,
}: {
  decision: Confirmation;
  onCancel: () => void;
  onOpen: (trustDomain: boolean) => void;
}) {
  const { t } = useTranslation('reader');
  const [trust, setTrust] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const { destination, concerns } = decision;
  // A scheme concern is about the kind of link, not the site: trusting a domain cannot answer it.
  const trustKey = concerns.some((concern) => concern.kind === 'unusual-scheme') ? null : destination.trustKey;
  const trustLabel = trustKey === null ? null : (describeLink(`http://${trustKey}/`)?.unicodeHost ?? trustKey);
  const idn = destination.unicodeHost !== destination.host;
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(event) => {
        // While asking, keys belong to the question: none reaches the inbox's shortcuts (e would archive).
        event.stopPropagation();
        if (event.key === 'Escape') onCancel();
      }}
    >
      <div
        className="dialog link-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="link-confirm-title"
        data-testid="link-confirm"
      >
        <h2 id="link-confirm-title">{t('links.confirmTitle')}</h2>
        <p>
          {withElements((slots) => t(idn ? 'links.goesToWritten' : 'links.goesTo', slots), {
            host: <strong data-field="real-host">{destination.unicodeHost || destination.scheme}</strong>,
            written: <code>{destination.host}</code>,
          })}
        </p>
        <ul className="link-concerns">
          {concerns.map((concern) => (
            <li key={concern.kind}>{describeConcern(concern, destination)}</li>
          ))}
        </ul>
        <p className="link-url" title={destination.url}>
          {destination.url.length > 200 ? `${destination.url.slice(0, 200)}…` : destination.url}
        </p>
        {trustLabel !== null ? (
          <label className="link-trust">
            <input type="checkbox" checked={trust} onChange={(event) => setTrust(event.target.checked)} />{' '}
            {t('links.dontAskAgain', { domain: trustLabel })}
          </label>
        ) : null}
        <div className="button-row">
          <button type="button" className="button" ref={cancelRef} onClick={onCancel}>
            {t('links.cancel')}
          </button>
          <button type="button" className="button primary" onClick={() => onOpen(trust && trustKey !== null)}>
            {t('links.open')}
          </button>
        </div>
      </div>
    </div>
  );
}
