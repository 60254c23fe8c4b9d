import { useCallback, useRef, useState } from 'react';
import type { IpcError } from '../../../electron/shared/ipc-contract.js';
import { announce } from '../app/LiveRegion.js';
import { i18n } from '../i18n/i18n.js';
import { adviceFor } from '../shared/errors.js';
import type { Toast } from './Toasts.js';

/** The toasts at the bottom: at most four, each with an optional action and time-out. */
export function useToasts(onSignIn: (loginHint?: string) => void) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const ids = useRef(0);

  const dismissToast = useCallback(
    (id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)),
    [],
  );
  const pushToast = useCallback(
    (toast: Omit<Toast, 'id'>, timeoutMs?: number) => {
      const id = ++ids.current;
      setToasts((current) => [...current.slice(-3), { ...toast, id }]);
      // An error toast is its own alert; an action's result is said by the polite live region.
      if (toast.kind === 'info')
        announce(
          [toast.text, toast.detail, toast.action?.undo ? i18n.t('inbox:toasts.pressZToUndo') : null]
            .filter(Boolean)
            .join('. '),
        );
      if (timeoutMs) window.setTimeout(() => dismissToast(id), timeoutMs);
      return id;
    },
    [dismissToast],
  );
  /** An error, in words, with "Sign in again" for the account it happened in when that is the way out. */
  const showError = useCallback(
    (what: string, error: IpcError, accountEmail?: string) => {
      const advice = adviceFor(error);
      pushToast({
        kind: 'error',
        text: what,
        detail: i18n.t('inbox:toasts.errorDetail', { problem: advice.title, advice: advice.detail }),
        ...(advice.nextStep === 'sign-in-again'
          ? { action: { label: i18n.t('inbox:toasts.signInAgain'), run: () => onSignIn(accountEmail) } }
          : {}),
      });
    },
    [pushToast, onSignIn],
  );
  /** z: runs the newest toast's Undo (the keyboard's way to it), if one is still shown. */
  const undoLatest = useCallback((): boolean => {
    const latest = [...toasts].reverse().find((toast) => toast.action?.undo === true);
    if (!latest?.action) return false;
    latest.action.run();
    dismissToast(latest.id);
    return true;
  }, [toasts, dismissToast]);
  return { toasts, pushToast, dismissToast, showError, undoLatest };
}
export type ToastApi = ReturnType<typeof useToasts>;
