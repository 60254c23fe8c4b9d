// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { switchLocale } from '../../../electron/shared/i18n/create-i18n.js';
import { i18n } from '../../../renderer/src/i18n/i18n.js';
import { AccountBanners } from '../../../renderer/src/accounts/AccountBanners.js';
import { SignInWaiting } from '../../../renderer/src/signin/SignIn.js';
import { SignInProblem } from '../../../renderer/src/signin/SignInProblem.js';
import { adviceFor, retryPhrase } from '../../../renderer/src/shared/errors.js';
import { fileSize, shortDate } from '../../../renderer/src/shared/format.js';
import { googleAppInfo, installFakeGlance, ok, testAccount } from './fake-glance.js';

const noActions = { onSignIn: () => undefined, onChooseClientFile: () => undefined, onRetryKeychain: () => undefined };

describe('the sign-in, error and format texts in German', () => {
  beforeEach(async () => {
    await switchLocale(i18n, 'de');
  });
  afterEach(async () => {
    cleanup();
    await switchLocale(i18n, 'en');
  });

  it('explains a declined sign-in in German, with its button named in German', () => {
    render(
      <SignInProblem error={{ code: 'CONSENT_DENIED', message: 'x' }} appInfo={googleAppInfo} actions={noActions} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Der Zugriff wurde auf der Google-Seite abgelehnt');
    expect(alert.textContent).toContain('„Über Google anmelden“');
    expect(alert.textContent).not.toMatch(/declined|Sign in/);
  });

  it('offers the lost consent page again in German, and says the link was copied in German', async () => {
    const glance = installFakeGlance({ 'auth:copySignInLink': () => ok(null) });
    render(
      <SignInWaiting
        flow={{ running: true, progress: { phase: 'waiting-for-browser', canCopyLink: true }, error: null }}
        onCancel={() => undefined}
      />,
    );
    expect(screen.getByRole('button', { name: 'Browser erneut öffnen' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Anmeldelink kopieren' }));
    expect(
      await screen.findByText('Link kopiert – fügen Sie ihn in den Browser ein, in dem Sie Google verwenden.'),
    ).toBeTruthy();
    expect(glance.callsOf('auth:copySignInLink')).toEqual([[]]);
  });

  it('names the client ID of a blocked client inside its German sentence', () => {
    render(
      <SignInProblem
        error={{ code: 'ADMIN_POLICY_BLOCKED', message: 'x', clientId: '123.apps.googleusercontent.com' }}
        appInfo={googleAppInfo}
        actions={noActions}
      />,
    );
    expect(screen.getByTestId('client-id').textContent).toBe('123.apps.googleusercontent.com');
    expect(screen.getByTestId('client-id').parentElement?.textContent).toBe(
      'Client-ID: 123.apps.googleusercontent.com',
    );
  });

  it('falls back to the German advice for an error without its own explanation', () => {
    render(<SignInProblem error={{ code: 'OFFLINE', message: 'x' }} appInfo={googleAppInfo} actions={noActions} />);
    expect(screen.getByRole('alert').textContent).toContain('Keine Internetverbindung');
  });

  it('gives advice in German, keeping only what the core alone knows', () => {
    expect(adviceFor({ code: 'NEEDS_SIGN_IN', message: 'ignored' })).toEqual({
      title: 'Die Google-Sitzung ist abgelaufen',
      detail: 'Erneut anmelden, damit die E-Mails aktuell bleiben. Bereits geladene E-Mails bleiben sichtbar.',
      nextStep: 'sign-in-again',
    });
    // The core's English sentence is not shown where the code says it all.
    expect(adviceFor({ code: 'WRONG_PASSPHRASE', message: 'That passphrase doesn’t open…' }).detail).toBe(
      'Mit dieser Passphrase lässt sich die gespeicherte Anmeldung nicht öffnen. Passphrase prüfen und erneut versuchen.',
    );
    expect(
      adviceFor({ code: 'GOOGLE_ERROR', message: 'Gmail refused (HTTP 503).', reason: 'gmail-refused', status: 503 })
        .detail,
    ).toBe(
      'Gmail hat die Anfrage abgelehnt (HTTP 503). Erneut versuchen; falls es sich wiederholt, abmelden und erneut anmelden.',
    );
    const now = Date.UTC(2026, 11, 7, 12, 0, 0);
    expect(adviceFor({ code: 'RATE_LIMITED', message: 'x', retryAt: now + 5_000 }, now).detail).toBe(
      'In 5 s erneut versuchen.',
    );
    expect(retryPhrase(now + 30_000, now)).toBe('in 30 s');
  });

  it('formats sizes and days the German way', () => {
    expect(fileSize(1.5 * 1024 * 1024)).toBe('1,5 MB');
    expect(fileSize(300 * 1024)).toBe('300 kB');
    const now = new Date(2026, 10, 26, 15, 0).getTime();
    expect(shortDate(new Date(2026, 10, 25, 9, 5).getTime(), now)).toBe('Gestern');
    expect(shortDate(new Date(2026, 10, 26, 9, 5).getTime(), now)).toBe('9:05'); // 24-hour, no AM/PM;
  });
});

describe('messages with markup in the pseudo-locales', () => {
  afterEach(async () => {
    cleanup();
    await switchLocale(i18n, 'en');
  });

  // The pseudo-locales rewrite a message's letters: its markup must still become the element it names.
  for (const locale of ['en-XA', 'ar-XB'] as const) {
    it(`keeps the account's address in bold in ${locale}`, async () => {
      await switchLocale(i18n, locale);
      render(
        <AccountBanners
          accounts={[{ ...testAccount, status: 'needs-sign-in' }]}
          statusOf={() => null}
          onSignIn={() => undefined}
          onRetryKeychain={() => undefined}
        />,
      );
      const banner = screen.getByTestId('needs-sign-in');
      expect(banner.querySelector('strong')?.textContent).toBe(testAccount.email);
      expect(banner.textContent).not.toContain('<');
    });
  }
});
