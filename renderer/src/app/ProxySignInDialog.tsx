import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProxySignInAnswer, ProxySignInRequest } from '../../../electron/shared/ipc-contract.js';
import { DialogFrame } from '../shared/DialogFrame.js';

/**
 * A proxy on the way to Google asks for a user name and password (the main process asked, through
 * `proxy:signInRequested`). The answer goes back with `proxy:answerSignIn`; the password is held only in this
 * form's state while it is open, and in the main process's memory for the proxy until Glance quits.
 *
 * The main process owns the open questions; this dialog only shows them. A question sent while the page was
 * still loading reached no listener, so on mount the dialog also asks for the open ones (`proxy:openQuestions`).
 * A question the main process closed without an answer (`proxy:signInWithdrawn`: nobody answered in time) is
 * dropped; the next one shows.
 */
export function ProxySignInDialog() {
  // Oldest first; the first is shown. At most one per proxy: a newer question for a proxy replaces its older one.
  const [questions, setQuestions] = useState<ProxySignInRequest[]>([]);
  // Answered here or withdrawn: a list of open questions read before that must not reopen them.
  const closed = useRef(new Set<string>());
  useEffect(() => {
    let listening = true;
    const show = (incoming: ProxySignInRequest[]) =>
      setQuestions((open) =>
        incoming.reduce((list, question) => {
          if (closed.current.has(question.requestId)) return list;
          // The same question may come both as an event and in the list of open ones: shown once.
          if (list.some((shown) => shown.requestId === question.requestId)) return list;
          return [...list.filter((shown) => shown.proxy !== question.proxy), question];
        }, open),
      );
    const unsubscribeAsked = window.glance.on('proxy:signInRequested', (question) => show([question]));
    // Whatever was typed into another question stays: only the withdrawn one's form goes.
    const unsubscribeWithdrawn = window.glance.on('proxy:signInWithdrawn', ({ requestId }) => {
      closed.current.add(requestId);
      setQuestions((open) => open.filter((question) => question.requestId !== requestId));
    });
    // After subscribing, so a question is either in this list or arrives as an event.
    void window.glance.proxy.openQuestions().then((result) => {
      if (listening && result.ok) show(result.value);
    });
    return () => {
      listening = false;
      unsubscribeAsked();
      unsubscribeWithdrawn();
    };
  }, []);
  const request = questions[0];
  if (!request) return null;
  // A new question (the proxy refused the last answer) starts a fresh form.
  return (
    <ProxySignInForm
      key={request.requestId}
      request={request}
      onAnswered={() => {
        closed.current.add(request.requestId);
        setQuestions((open) => open.filter((question) => question.requestId !== request.requestId));
      }}
    />
  );
}

function ProxySignInForm({ request, onAnswered }: { request: ProxySignInRequest; onAnswered: () => void }) {
  const { t } = useTranslation('network');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Basic authentication cannot carry a ':' in the user name; the contract refuses it.
  const usable = username.trim() !== '' && !username.includes(':');
  const answer = (credentials: ProxySignInAnswer['credentials']) => {
    void window.glance.proxy.answerSignIn({ requestId: request.requestId, credentials }).then((result) => {
      if (result.ok) onAnswered();
    });
  };
  return (
    <DialogFrame
      titleId="proxy-sign-in-title"
      title={t('proxySignIn.title')}
      className="proxy-sign-in"
      onClose={() => answer(null)}
    >
      <form
        data-testid="proxy-sign-in"
        onSubmit={(event) => {
          event.preventDefault();
          if (usable) answer({ username: username.trim(), password });
        }}
      >
        <p>{t('proxySignIn.lead', { proxy: request.proxy })}</p>
        {request.rejected ? (
          <p role="alert" className="form-error">
            {t('proxySignIn.rejected')}
          </p>
        ) : null}
        {request.attempt >= 3 ? <p className="muted">{t('proxySignIn.lastAttempt')}</p> : null}
        <label className="field">
          <span>{t('proxySignIn.username')}</span>
          <input
            name="username"
            autoComplete="username"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
          />
        </label>
        <label className="field">
          <span>{t('proxySignIn.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
        </label>
        <p className="muted">{t('proxySignIn.kept')}</p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => answer(null)}>
            {t('proxySignIn.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={!usable}>
            {t('proxySignIn.signIn')}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}
