import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProxySignInAnswer, ProxySignInRequest } from '../../../electron/shared/ipc-contract.js';
import { DialogFrame } from '../shared/DialogFrame.js';

/**
 * A proxy on the way to Google asks for a user name and password (the main process asked, through
 * `proxy:signInRequested`). The answer goes back with `proxy:answerSignIn`; the password is held only in this
 * form's state while it is open, and in the main process's memory for the proxy until Glance quits.
 */
export function ProxySignInDialog() {
  const [request, setRequest] = useState<ProxySignInRequest | null>(null);
  useEffect(() => window.glance.on('proxy:signInRequested', setRequest), []);
  if (!request) return null;
  // A new question (the proxy refused the last answer) starts a fresh form.
  return <ProxySignInForm key={request.requestId} request={request} onAnswered={() => setRequest(null)} />;
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
