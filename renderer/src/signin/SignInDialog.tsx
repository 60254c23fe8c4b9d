import { adviceFor } from '../shared/errors.js';
import { SignInWaiting } from './SignIn.js';
import type { SignInFlow } from './SignIn.js';

/** Over the inbox: a sign-in in progress (another account, or signing in again), or why it failed. */
export function SignInDialog({
  flow,
  onCancel,
  onClose,
}: {
  flow: SignInFlow;
  onCancel: () => void;
  onClose: () => void;
}) {
  if (!flow.running && !(flow.error && flow.error.code !== 'SIGN_IN_CANCELLED')) return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label="Sign in">
        {flow.running ? (
          <SignInWaiting flow={flow} onCancel={onCancel} />
        ) : flow.error ? (
          <div className="signin-error" role="alert" data-error-code={flow.error.code}>
            <strong>{adviceFor(flow.error).title}</strong>
            <span>{adviceFor(flow.error).detail}</span>
            <div className="button-row">
              <button type="button" className="button" onClick={onClose}>
                Close
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}
