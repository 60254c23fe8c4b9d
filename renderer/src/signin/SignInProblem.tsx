import type { ReactNode } from 'react';
import type { AppInfo, IpcError } from '../../../electron/shared/ipc-contract.js';
import { adviceFor } from '../shared/errors.js';

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
  const explanation = explain(error, appInfo);
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
          Ask again for Gmail access
        </button>
      ) : explanation.action === 'choose-client-file' ? (
        <button type="button" className="button small" onClick={actions.onChooseClientFile}>
          Choose client file…
        </button>
      ) : explanation.action === 'retry-keychain' ? (
        <button type="button" className="button small" onClick={actions.onRetryKeychain}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

function ClientId({ id }: { id: string | undefined }) {
  if (!id) return null;
  return (
    <p>
      Client ID:{' '}
      <code className="client-id" data-testid="client-id">
        {id}
      </code>
    </p>
  );
}

/** The person's own client (a file they chose), as opposed to one that came with this copy of Glance. */
function ownClient(appInfo: AppInfo | null): boolean {
  return appInfo?.clientSource === 'env' || appInfo?.clientSource === 'data-folder';
}

function explain(error: IpcError, appInfo: AppInfo | null): Explanation {
  switch (error.code) {
    case 'CONSENT_DENIED':
      return {
        title: 'You declined access on Google’s page',
        what: (
          <p>
            You chose Deny, so Google didn’t give Glance permission to read your Gmail and Glance can’t show your mail.
            Nothing was saved.
          </p>
        ),
        todo: <p>When you’re ready, click “Sign in with Google” and choose Allow.</p>,
      };
    case 'SCOPE_MISSING':
      return {
        title: 'Gmail access wasn’t ticked',
        what: (
          <p>
            On Google’s consent page the box that lets Glance read and manage your Gmail was left unticked, so Google
            gave Glance only your name and email address.
          </p>
        ),
        todo: <p>Glance can ask Google again for just that permission: tick the Gmail box, then Continue.</p>,
        action: 'ask-gmail-again',
      };
    case 'ADMIN_POLICY_BLOCKED':
      return {
        title: 'Your organisation hasn’t allowed Glance',
        what: (
          <p>
            Your Google Workspace administrator decides which apps may use your account’s Gmail, and Glance isn’t
            allowed yet.
          </p>
        ),
        todo: (
          <>
            <p>Ask your administrator to trust Glance’s client ID:</p>
            <ol>
              <li>
                Google Admin console (admin.google.com) → Security → Access and data control → API controls → App access
                control → Manage Third-Party App Access.
              </li>
              <li>Add app → OAuth App Name Or Client ID → search for the client ID below.</li>
              <li>Choose who it applies to and set it to Trusted, then you sign in again.</li>
            </ol>
            <ClientId id={error.clientId} />
            <p>Or sign in with a personal Google account.</p>
          </>
        ),
      };
    case 'ORG_INTERNAL':
      return {
        title: 'This Google client is for one organisation only',
        what: (
          <p>
            The Google client Glance uses is an Internal app: Google lets only accounts of the Workspace organisation
            that created it sign in, and this account isn’t one of them.
          </p>
        ),
        todo: (
          <>
            <p>
              Sign in with an account of that organisation. If the client is yours: Google Cloud Console → Google Auth
              Platform → Audience → Make external (then add yourself as a test user, or publish the app) — or choose
              another client file.
            </p>
            <ClientId id={error.clientId} />
          </>
        ),
        action: 'choose-client-file',
      };
    case 'CLIENT_REJECTED':
      return {
        title: 'Google doesn’t accept this Google client',
        what: (
          <p>
            {error.message} The client file no longer matches a client Google knows: it was deleted, its secret was
            reset, or the file was edited.
          </p>
        ),
        todo: ownClient(appInfo) ? (
          <>
            <p>
              In Google Cloud Console → APIs & Services → Credentials, find the client below (a deleted client can be
              restored there for 30 days), download its JSON again — or create a new OAuth client ID of type Desktop app
              — and choose that file.
            </p>
            <ClientId id={error.clientId} />
          </>
        ) : (
          <>
            <p>
              This client came with this copy of Glance: tell whoever gave it to you, or use your own client (see “Use
              your own Google account” in Glance’s README) and choose its file.
            </p>
            <ClientId id={error.clientId} />
          </>
        ),
        action: 'choose-client-file',
      };
    case 'REDIRECT_URI_MISMATCH':
      return {
        title: 'This Google client is not a Desktop app client',
        what: (
          <p>
            Glance receives the sign-in on this computer (http://127.0.0.1), which Google allows only for OAuth clients
            of type Desktop app. This client is of another type, such as Web application.
          </p>
        ),
        todo: (
          <>
            <p>
              Google Cloud Console → APIs & Services → Credentials → Create credentials → OAuth client ID → Application
              type: Desktop app. Download its JSON and choose it here.
            </p>
            <ClientId id={error.clientId} />
          </>
        ),
        action: 'choose-client-file',
      };
    case 'NEEDS_SIGN_IN':
      return {
        title: 'Your Google session ended',
        what: <SessionEndedReasons ownClient={ownClient(appInfo)} />,
        todo: <p>Sign in again; mail already downloaded stays here.</p>,
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
  return (
    <div className="session-ended-reasons" data-testid="session-ended-reasons">
      <p>Google ended Glance’s access to this account. Possible reasons:</p>
      <ul>
        <li>You removed Glance’s access in your Google Account (Security → Third-party apps).</li>
        <li>You changed your Google password.</li>
        <li>Glance wasn’t used with this account for 6 months.</li>
        <li>
          This account signed in to Glance more than 100 times with this client (on other computers, say): Google keeps
          only the newest 100.
        </li>
        {ownClient ? (
          <li data-testid="testing-limit">
            Your Google client’s app is in Testing, where Google ends every sign-in after 7 days. To stop that, publish
            it: Google Cloud Console → Google Auth Platform → Audience → Publish app. (Google then shows an “unverified
            app” warning when you sign in; choose Advanced → Go to the app.)
          </li>
        ) : null}
      </ul>
    </div>
  );
}
