import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../electron/shared/ipc-contract.js';
import { SignInWaiting } from './SignIn.js';
import type { SignInFlow } from './SignIn.js';
import { SignInProblem, type SignInProblemActions } from './SignInProblem.js';

/** Over the inbox: a sign-in in progress (another account, or signing in again), or why it failed. */
export function SignInDialog({
  flow,
  appInfo,
  actions,
  onCancel,
  onClose,
}: {
  flow: SignInFlow;
  appInfo: AppInfo | null;
  actions: SignInProblemActions;
  onCancel: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('signin');
  if (!flow.running && !(flow.error && flow.error.code !== 'SIGN_IN_CANCELLED')) return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label={t('dialog.label')}>
        {flow.running ? (
          <SignInWaiting flow={flow} onCancel={onCancel} />
        ) : flow.error ? (
          <div className="signin-problem-dialog">
            <SignInProblem error={flow.error} appInfo={appInfo} actions={actions} />
            <div className="button-row">
              <button type="button" className="button" onClick={onClose}>
                {t('dialog.close')}
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}
