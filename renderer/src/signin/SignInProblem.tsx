import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import type { AppInfo, IpcError } from '../../../electron/shared/ipc-contract.js';
import { adviceFor, clientRejection } from '../shared/errors.js';

export interface SignInProblemActions {
  /** Signs in again; with a hint, for that account (and, after an unticked Gmail box, for just that permission). */
  onSignIn: (loginHint?: string) => void;
  onChooseClientFile: () => void;
  onRetryKeychain: () => void;
}

interface Explanation {
  title: string;
  /** What happened, in the person's terms. */
  what: ReactNode;
  /** What to do, step by step. */
  todo: ReactNode;
  /** The button that fixes it, besides the sign-in screen's own "Sign in with Google". */
  action?: 'ask-gmail-again' | 'choose-client-file' | 'retry-keychain';
}

/**
 * Why a sign-in failed and what to do, one explanation per error Google can send back (the redirect or the
 * token endpoint). Errors without one of their own get the short advice every screen uses.
 */
export function SignInProblem({
  error,
  appInfo,
  actions,
}: {
  error: IpcError;
  appInfo: AppInfo | null;
  actions: SignInProblemActions;
}) {
  const { t } = useTranslation('signin');
  const explanation = explain(error, appInfo, t);
  return (
    <div
      className={error.code === 'SIGN_IN_CANCELLED' ? 'signin-error calm' : 'signin-error'}
      role="alert"
      data-error-code={error.code}
    >
      <strong>{explanation.title}</strong>
      <div className="signin-problem-what">{explanation.what}</div>
      <div className="signin-problem-todo">{explanation.todo}</div>
      {explanation.action === 'ask-gmail-again' ? (
        <button type="button" className="button small" onClick={() => actions.onSignIn(error.loginHint)}>
          {t('problem.askGmailAgain')}
        </button>
      ) : explanation.action === 'choose-client-file' ? (
        <button type="button" className="button small" onClick={actions.onChooseClientFile}>
          {t('problem.chooseClientFile')}
        </button>
      ) : explanation.action === 'retry-keychain' ? (
        <button type="button" className="button small" onClick={actions.onRetryKeychain}>
          {t('problem.retry')}
        </button>
      ) : null}
    </div>
  );
}

function ClientId({ id }: { id: string | undefined }) {
  const { t } = useTranslation('signin');
  if (!id) return null;
  return (
    <p>
      <Trans
        t={t}
        i18nKey="problem.clientId"
        values={{ id }}
        components={[<code key="id" className="client-id" data-testid="client-id" />]}
      />
    </p>
  );
}

/** The person's own client (a file they chose), as opposed to one that came with this copy of Glance. */
function ownClient(appInfo: AppInfo | null): boolean {
  return appInfo?.clientSource === 'env' || appInfo?.clientSource === 'data-folder';
}

function explain(error: IpcError, appInfo: AppInfo | null, t: TFunction<'signin'>): Explanation {
  switch (error.code) {
    case 'CONSENT_DENIED':
      return {
        title: t('problem.consentDenied.title'),
        what: <p>{t('problem.consentDenied.what')}</p>,
        todo: <p>{t('problem.consentDenied.todo')}</p>,
      };
    case 'SCOPE_MISSING':
      return {
        title: t('problem.scopeMissing.title'),
        what: <p>{t('problem.scopeMissing.what')}</p>,
        todo: <p>{t('problem.scopeMissing.todo')}</p>,
        action: 'ask-gmail-again',
      };
    case 'ADMIN_POLICY_BLOCKED':
      return {
        title: t('problem.adminPolicyBlocked.title'),
        what: <p>{t('problem.adminPolicyBlocked.what')}</p>,
        todo: (
          <>
            <p>{t('problem.adminPolicyBlocked.todo')}</p>
            <ol>
              <li>{t('problem.adminPolicyBlocked.step1')}</li>
              <li>{t('problem.adminPolicyBlocked.step2')}</li>
              <li>{t('problem.adminPolicyBlocked.step3')}</li>
            </ol>
            <ClientId id={error.clientId} />
            <p>{t('problem.adminPolicyBlocked.personal')}</p>
          </>
        ),
      };
    case 'ORG_INTERNAL':
      return {
        title: t('problem.orgInternal.title'),
        what: <p>{t('problem.orgInternal.what')}</p>,
        todo: (
          <>
            <p>{t('problem.orgInternal.todo')}</p>
            <ClientId id={error.clientId} />
          </>
        ),
        action: 'choose-client-file',
      };
    case 'CLIENT_REJECTED':
      return {
        title: t('problem.clientRejected.title'),
        // Whether Google deleted the client or refused it: the error's reason says, the code alone doesn't.
        what: (
          <p>
            {error.reason === 'unauthorized-client'
              ? t('problem.clientRejected.whatUnauthorized', { problem: clientRejection(error) })
              : t('problem.clientRejected.what', { problem: clientRejection(error) })}
          </p>
        ),
        todo: (
          <>
            <p>
              {ownClient(appInfo)
                ? t('problem.clientRejected.todoOwnClient')
                : t('problem.clientRejected.todoBundledClient')}
            </p>
            <ClientId id={error.clientId} />
          </>
        ),
        action: 'choose-client-file',
      };
    case 'REDIRECT_URI_MISMATCH':
      return {
        title: t('problem.redirectUriMismatch.title'),
        what: <p>{t('problem.redirectUriMismatch.what')}</p>,
        todo: (
          <>
            <p>{t('problem.redirectUriMismatch.todo')}</p>
            <ClientId id={error.clientId} />
          </>
        ),
        action: 'choose-client-file',
      };
    case 'NEEDS_SIGN_IN':
      return {
        title: t('problem.sessionEnded.title'),
        what: <SessionEndedReasons ownClient={ownClient(appInfo)} />,
        todo: <p>{t('problem.sessionEnded.todo')}</p>,
      };
    default: {
      const advice = adviceFor(error);
      return {
        title: advice.title,
        what: null,
        todo: <p>{advice.detail}</p>,
        ...(advice.nextStep === 'choose-client-file'
          ? { action: 'choose-client-file' as const }
          : advice.nextStep === 'retry-keychain'
            ? { action: 'retry-keychain' as const }
            : {}),
      };
    }
  }
}

/**
 * Why Google ends a sign-in (`invalid_grant` on refresh). Glance can't tell which one happened, so it lists
 * those that can apply here — the 7-day limit only with the person's own client, whose app may be in Testing.
 */
export function SessionEndedReasons({ ownClient }: { ownClient: boolean }) {
  const { t } = useTranslation('signin');
  return (
    <div className="session-ended-reasons" data-testid="session-ended-reasons">
      <p>{t('sessionEndedReasons.intro')}</p>
      <ul>
        <li>{t('sessionEndedReasons.accessRemoved')}</li>
        <li>{t('sessionEndedReasons.passwordChanged')}</li>
        <li>{t('sessionEndedReasons.unused')}</li>
        <li>{t('sessionEndedReasons.tooManySignIns')}</li>
        {ownClient ? <li data-testid="testing-limit">{t('sessionEndedReasons.testingLimit')}</li> : null}
      </ul>
    </div>
  );
}
