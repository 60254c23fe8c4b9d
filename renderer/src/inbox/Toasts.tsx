import { useTranslation } from 'react-i18next';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  detail?: string;
  /** `undo`: the toast's Undo, which z runs from the keyboard. */
  action?: { label: string; run: () => void; undo?: boolean };
}

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  const { t } = useTranslation('inbox');
  return (
    <div className="toasts" role="region" aria-label={t('toasts.region')}>
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          // Errors interrupt (alert); everything else is said once by the app's polite live region.
          role={toast.kind === 'error' ? 'alert' : undefined}
          data-toast-kind={toast.kind}
        >
          <div className="toast-text">
            <strong>{toast.text}</strong>
            {toast.detail ? <span>{toast.detail}</span> : null}
          </div>
          {toast.action ? (
            <button
              type="button"
              className="toast-action"
              onClick={() => {
                toast.action?.run();
                onDismiss(toast.id);
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="toast-close"
            aria-label={t('toasts.dismiss')}
            onClick={() => onDismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
