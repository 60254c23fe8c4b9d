import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmRequest {
  title: string;
  /** What will happen, in full: what goes, what stays, what to do instead. */
  body: ReactNode;
  confirmLabel: string;
  /** The action removes something: the confirm button is styled as dangerous. */
  destructive?: boolean;
  onConfirm: () => void;
}

/**
 * A confirmation inside the settings page. Cancel has the focus first, so Enter never does the irreversible
 * thing by accident; Esc cancels (the settings page routes it here while this is open).
 */
export function ConfirmDialog({ request, onCancel }: { request: ConfirmRequest; onCancel: () => void }) {
  const { t } = useTranslation('settings');
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  return (
    <div className="dialog-backdrop confirm-backdrop" onClick={onCancel}>
      <div
        className="dialog confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id={`${id}-title`}>{request.title}</h2>
        <div id={`${id}-body`} className="confirm-body">
          {request.body}
        </div>
        <div className="button-row">
          <button type="button" ref={cancelRef} className="button" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button
            type="button"
            className={request.destructive ? 'button danger' : 'button primary'}
            onClick={request.onConfirm}
          >
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
