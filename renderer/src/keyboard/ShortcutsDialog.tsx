import { useEffect, useRef } from 'react';
import { SHORTCUT_HELP } from './shortcuts.js';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onClick={(event) => event.stopPropagation()}
      >
        <div className="dialog-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button type="button" ref={closeRef} className="toast-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <dl className="shortcut-list">
          {SHORTCUT_HELP.map((entry) => (
            <div key={entry.description}>
              <dt>
                {entry.keys.map((key, index) => (
                  <kbd key={index}>{key}</kbd>
                ))}
              </dt>
              <dd>{entry.description}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
