import { blockedSummary } from './trackers.js';

/** Offered while a message's remote images are blocked: show them once, or always for this sender. */
export function RemoteContentBanner({
  sender,
  remoteImages,
  trackers,
  onShow,
  onAlwaysShow,
}: {
  /** Remote references held back, trackers included; and how many of them look like trackers. */
  remoteImages: number;
  trackers: number;
  /** Lower-case sender address; empty when the message has none. */
  sender: string;
  onShow: () => void;
  onAlwaysShow: (sender: string) => void;
}) {
  return (
    <div className="remote-bar" role="region" aria-label="Remote images">
      <span>
        <strong data-testid="blocked-summary">{blockedSummary(remoteImages, trackers)}</strong> · Remote images hidden
        to protect your privacy.
      </span>
      <button type="button" className="button small" onClick={onShow}>
        Show
      </button>
      {sender ? (
        <button type="button" className="link-button" onClick={() => onAlwaysShow(sender)}>
          Always show from {sender}
        </button>
      ) : null}
    </div>
  );
}
