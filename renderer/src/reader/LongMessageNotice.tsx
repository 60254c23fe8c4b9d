import { useState } from 'react';
import type { BodyTruncation } from '../../../electron/shared/ipc-contract.js';

const count = new Intl.NumberFormat('en-US');

/** Characters as the person thinks of them: a rough size (one character is about a byte of mail text). */
function roughSize(chars: number): string {
  return chars >= 1_000_000 ? `${(chars / 1_000_000).toFixed(1)} MB` : `${count.format(Math.ceil(chars / 1000))} KB`;
}

/**
 * Shown above a body that arrived cut (over ~2 MB of text or HTML): how much is shown, and "Show the whole
 * message" to load the rest — still sanitized like any body — or, past Glance's hard cap, where to read it.
 */
export function LongMessageNotice({
  truncation,
  onShowWhole,
}: {
  truncation: BodyTruncation;
  onShowWhole: (() => void) | undefined;
}) {
  const [loading, setLoading] = useState(false);
  const shown = `Glance shows the first ${roughSize(truncation.shownChars)} of this ${roughSize(truncation.totalChars)} message`;
  return (
    <div className="remote-bar long-message" role="region" aria-label="Long message" data-testid="long-message">
      {truncation.wholeAvailable && onShowWhole ? (
        <>
          <span>{shown}, so the window stays quick.</span>
          <button
            type="button"
            className="button small"
            disabled={loading}
            onClick={() => {
              setLoading(true);
              onShowWhole();
            }}
          >
            {loading ? 'Loading the whole message…' : 'Show the whole message'}
          </button>
        </>
      ) : (
        <span>
          {truncation.wholeAvailable
            ? `${shown}. Open the message on its own to show the rest.`
            : `${shown}: it is too large to show whole in Glance. Use Open in Gmail to read the rest.`}
        </span>
      )}
    </div>
  );
}
