import { useMemo } from 'react';
import type { IpcError } from '../../../electron/shared/ipc-contract.js';
import { linkify } from './linkify.js';

/** A text-only message, its links opened in the browser. */
export function PlainText({ text, onError }: { text: string; onError: (error: IpcError) => void }) {
  const parts = useMemo(() => linkify(text), [text]);
  const open = async (href: string) => {
    const result = await window.glance.shell.openExternal(href);
    if (!result.ok) onError(result.error);
  };
  return (
    <div className="plain-body" data-testid="plain-body">
      {text.trim() === '' ? <p className="muted">This message has no text.</p> : null}
      {parts.map((part, index) =>
        part.kind === 'text' ? (
          <span key={index}>{part.text}</span>
        ) : (
          <a
            key={index}
            href={part.href}
            rel="noopener noreferrer"
            onClick={(event) => {
              event.preventDefault();
              void open(part.href);
            }}
          >
            {part.text}
          </a>
        ),
      )}
    </div>
  );
}
