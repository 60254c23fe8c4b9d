import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal dialog's frame: the backdrop (a click outside closes), the titled dialog, and its close button,
 * which takes focus when it opens; focus goes back where it was when it closes.
 */
export function DialogFrame(props: {
  titleId: string;
  title: string;
  /** Extra class names beside `dialog`. */
  className?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { titleId, title, className, onClose, children } = props;
  const { t } = useTranslation('common');
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className={className ? `dialog ${className}` : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onClick={(event) => event.stopPropagation()}
      >
        <div className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" ref={closeRef} className="toast-close" aria-label={t('close')} onClick={onClose}>
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
