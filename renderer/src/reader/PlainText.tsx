import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { linkify } from './linkify.js';
import type { LinkGuard } from './LinkGuard.js';

/** A text-only message, its links opened in the browser through the link guard (as in HTML mail). */
export function PlainText({ text, links }: { text: string; links: LinkGuard }) {
  const { t } = useTranslation('reader');
  const parts = useMemo(() => linkify(text), [text]);
  return (
    <div className="plain-body" data-testid="plain-body" dir="auto">
      {text.trim() === '' ? <p className="muted">{t('noText')}</p> : null}
      {parts.map((part, index) =>
        part.kind === 'text' ? (
          <span key={index}>{part.text}</span>
        ) : (
          <a
            key={index}
            href={part.href}
            rel="noopener noreferrer"
            onMouseEnter={() => links.hover({ href: part.href, visibleText: part.text })}
            onFocus={() => links.hover({ href: part.href, visibleText: part.text })}
            onMouseLeave={() => links.hover(null)}
            onBlur={() => links.hover(null)}
            onClick={(event) => {
              event.preventDefault();
              links.activate({ href: part.href, visibleText: part.text });
            }}
          >
            {part.text}
          </a>
        ),
      )}
    </div>
  );
}
