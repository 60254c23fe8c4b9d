import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** How long the browser may take before the waiting screen says what Google may be showing there. */
export const BROWSER_HELP_AFTER_MS = 20_000;

/**
 * Some of Google's errors appear only on its own page in the browser (an unknown or deleted client, an account
 * that is not a test user, an app blocked by an admin, a client that is not a Desktop app) and never come
 * back to Glance, which would wait until Cancel. After a while, say what to look for there and what to do.
 */
export function BrowserProblemsHint({ afterMs = BROWSER_HELP_AFTER_MS }: { afterMs?: number }) {
  const { t } = useTranslation('network');
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), afterMs);
    return () => clearTimeout(timer);
  }, [afterMs]);
  if (!shown) return null;
  return (
    <section className="signin-browser-help" aria-labelledby="signin-browser-help-title" data-testid="browser-help">
      <h2 id="signin-browser-help-title">{t('browserHelp.title')}</h2>
      <p>{t('browserHelp.lead')}</p>
      <ul>
        <li>{t('browserHelp.unknownClient')}</li>
        <li>{t('browserHelp.notTestUser')}</li>
        <li>{t('browserHelp.adminBlocked')}</li>
        <li>{t('browserHelp.redirectMismatch')}</li>
      </ul>
    </section>
  );
}
