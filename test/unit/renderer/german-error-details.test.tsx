// @vitest-environment jsdom
/**
 * The details only the core knows — which field of which client file is wrong, whether Google deleted the client
 * or doesn't know it, what Google answered — worded in German from the error's structured fields, never the
 * core's English sentence.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { switchLocale } from '../../../electron/shared/i18n/create-i18n.js';
import {
  CLIENT_CONFIG_REASONS,
  CLIENT_REJECTED_REASONS,
  GOOGLE_ERROR_REASONS,
  type IpcError,
} from '../../../electron/shared/ipc-contract.js';
import { AppBanners } from '../../../renderer/src/app/AppBanners.js';
import { i18n } from '../../../renderer/src/i18n/i18n.js';
import { adviceFor } from '../../../renderer/src/shared/errors.js';
import { SignInProblem } from '../../../renderer/src/signin/SignInProblem.js';
import { googleAppInfo } from './fake-glance.js';

beforeAll(() => switchLocale(i18n, 'de'));
afterAll(() => switchLocale(i18n, 'en'));
afterEach(cleanup);

/** What the core would say in English: none of it may reach a German window. */
const ENGLISH = 'The core’s English sentence.';
const REDOWNLOAD = 'Die client_secret-JSON-Datei wählen, die aus der Google Cloud Console heruntergeladen wurde.';
const noActions = { onSignIn: () => undefined, onChooseClientFile: () => undefined, onRetryKeychain: () => undefined };

function clientFileError(details: Partial<IpcError>): IpcError {
  return { code: 'CLIENT_CONFIG_INVALID', message: ENGLISH, file: 'client_secret_42.json', ...details };
}

describe('a client file’s fault, in German', () => {
  it.each([
    [{ reason: 'file-missing' }, 'client_secret_42.json existiert nicht.'],
    [{ reason: 'permission-denied' }, 'client_secret_42.json kann nicht gelesen werden (keine Berechtigung).'],
    [{ reason: 'unreadable' }, 'client_secret_42.json kann nicht gelesen werden.'],
    [{ reason: 'not-json' }, 'client_secret_42.json ist keine gültige JSON-Datei.'],
    [{ reason: 'not-an-object' }, 'client_secret_42.json ist keine Client-Secrets-Datei von Google.'],
    [
      { reason: 'no-client-section', field: 'installed' },
      'client_secret_42.json hat weder einen Abschnitt „installed“ noch einen Abschnitt „web“: Es ist nicht die Datei eines OAuth-Clients vom Typ „Desktop-App“.',
    ],
    [{ reason: 'missing-field', field: 'installed.client_id' }, 'In client_secret_42.json fehlt installed.client_id.'],
    [
      { reason: 'invalid-field', field: 'installed.client_secret' },
      'In client_secret_42.json ist installed.client_secret ungültig.',
    ],
    [
      { reason: 'not-a-url', field: 'installed.token_uri' },
      'In client_secret_42.json ist installed.token_uri keine Webadresse.',
    ],
    [
      { reason: 'not-https', field: 'installed.token_uri' },
      'In client_secret_42.json muss installed.token_uri eine https://-Adresse sein.',
    ],
    [
      { reason: 'not-google', field: 'installed.token_uri' },
      'client_secret_42.json schickt die Anmeldung an einen Server, der nicht zu Google gehört (installed.token_uri).',
    ],
    [
      { reason: 'web-client', field: 'web.redirect_uris' },
      'client_secret_42.json ist ein „web“-Client ohne Loopback-Weiterleitungs-URI (wie http://127.0.0.1:8400/callback) in web.redirect_uris. In der Google Cloud Console einen hinzufügen oder einen OAuth-Client vom Typ „Desktop-App“ erstellen.',
    ],
  ] as const)('%j', (details, problem) => {
    const advice = adviceFor(clientFileError(details));
    expect(advice.title).toBe('Die Google-Client-Datei ist ungültig');
    expect(advice.detail).toBe(`${problem} ${REDOWNLOAD}`);
    expect(advice.nextStep).toBe('choose-client-file');
  });

  it('says why another file can’t be chosen, without offering one', () => {
    // Nothing is wrong with a file here: the title doesn't say so.
    expect(adviceFor(clientFileError({ reason: 'set-by-environment' }))).toEqual({
      title: 'Glance kann hier keinen anderen Google-Client verwenden',
      detail:
        'Glance ist so eingestellt, dass es den Google-Client aus GLANCE_CLIENT_SECRETS verwendet. Für einen anderen Client diese Einstellung entfernen und Glance neu starten.',
      nextStep: 'none',
    });
    expect(adviceFor(clientFileError({ reason: 'embedded-client' })).detail).toBe(
      'Diese Kopie von Glance bringt einen eigenen Google-Client mit, daher gibt es kein Demo-Postfach, zu dem sie zurückkehren könnte.',
    );
  });

  it('has its own German sentence for every reason the contract lists', () => {
    const unknown = adviceFor(clientFileError({})).detail;
    expect(unknown).toBe(`Glance kann diese Datei nicht verwenden. ${REDOWNLOAD}`);
    for (const reason of CLIENT_CONFIG_REASONS) {
      const detail = adviceFor(clientFileError({ reason, field: 'installed.client_id' })).detail;
      expect(detail, reason).not.toBe(unknown);
      expect(detail, reason).not.toContain(ENGLISH);
    }
  });

  it('shows the start-up problem in German on the demo banner', () => {
    render(
      <AppBanners
        appInfo={{
          ...googleAppInfo,
          mode: 'demo',
          clientSource: 'demo',
          clientConfigProblem: clientFileError({
            reason: 'missing-field',
            field: 'installed.client_id',
            file: 'client.json',
          }),
        }}
        keychainProblem={false}
        keychainBusy={false}
        settingsNotSaved={null}
        onDismissSettingsNotSaved={() => undefined}
        onChooseClientFile={() => undefined}
        onRetryKeychain={() => undefined}
        onOpenSettings={() => undefined}
        onDismissSettingsReset={() => undefined}
      />,
    );
    const banner = screen.getByTestId('client-config-error');
    expect(banner.textContent).toContain('In client.json fehlt installed.client_id.');
    expect(banner.textContent).not.toMatch(/missing|download/);
  });

  it('explains a client file problem from a sign-in or an import in German', () => {
    render(
      <SignInProblem error={clientFileError({ reason: 'not-json' })} appInfo={googleAppInfo} actions={noActions} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('client_secret_42.json ist keine gültige JSON-Datei.');
    expect(alert.textContent).not.toContain(ENGLISH);
    expect(screen.getByRole('button', { name: 'Client-Datei wählen …' })).toBeTruthy();
  });
});

describe('a client Google rejects, in German', () => {
  it.each([
    ['deleted-client', 'Laut Google wurde dieser OAuth-Client gelöscht.'],
    ['invalid-client', 'Google akzeptiert diesen OAuth-Client nicht: Google kennt ihn nicht (invalid_client).'],
    [
      'unauthorized-client',
      'Google akzeptiert diesen OAuth-Client nicht: Er darf sich nicht auf diese Weise anmelden (unauthorized_client).',
    ],
    [undefined, 'Google akzeptiert diesen OAuth-Client nicht.'],
  ] as const)('%s', (reason, problem) => {
    const error: IpcError = {
      code: 'CLIENT_REJECTED',
      message: ENGLISH,
      clientId: 'x.apps',
      ...(reason ? { reason } : {}),
    };
    expect(adviceFor(error).detail).toBe(
      `${problem} In der Google Cloud Console beheben oder eine neue Client-Datei wählen.`,
    );
    render(<SignInProblem error={error} appInfo={googleAppInfo} actions={noActions} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(problem);
    expect(alert.textContent).not.toContain(ENGLISH);
    // A client Google knows but won't let sign in this way was not deleted: the screen doesn't say it was.
    expect(alert.textContent?.includes('gelöscht, sein Secret wurde zurückgesetzt')).toBe(
      reason !== 'unauthorized-client',
    );
  });

  it('words every reason the contract lists', () => {
    const unknown = adviceFor({ code: 'CLIENT_REJECTED', message: ENGLISH }).detail;
    for (const reason of CLIENT_REJECTED_REASONS) {
      expect(adviceFor({ code: 'CLIENT_REJECTED', message: ENGLISH, reason }).detail, reason).not.toBe(unknown);
    }
  });
});

describe('what Google answered, in German', () => {
  it.each([
    [{ reason: 'gmail-refused', status: 403 }, 'Gmail hat die Anfrage abgelehnt (HTTP 403).'],
    [{ reason: 'gmail-refused' }, 'Gmail hat die Anfrage abgelehnt.'],
    [
      { reason: 'sign-in-refused', googleCode: 'server_error' },
      'Google konnte die Anmeldung nicht abschließen (server_error).',
    ],
    [{}, 'Google hat mit einem Fehler geantwortet.'],
  ] as const)('%j', (details, problem) => {
    // Gmail refusing again and again is often a session gone wrong: signing in again is the next thing to try.
    const next =
      'reason' in details && details.reason === 'gmail-refused'
        ? 'Erneut versuchen; falls es sich wiederholt, abmelden und erneut anmelden.'
        : 'Gleich noch einmal versuchen.';
    expect(adviceFor({ code: 'GOOGLE_ERROR', message: ENGLISH, ...details }).detail).toBe(`${problem} ${next}`);
  });

  it('words every reason the contract lists', () => {
    const unknown = adviceFor({ code: 'GOOGLE_ERROR', message: ENGLISH }).detail;
    for (const reason of GOOGLE_ERROR_REASONS) {
      const detail = adviceFor({ code: 'GOOGLE_ERROR', message: ENGLISH, reason, status: 500, googleCode: 'x' }).detail;
      expect(detail, reason).not.toBe(unknown);
    }
  });
});

describe('the sign-in can’t listen for the browser, in German', () => {
  it('names a client file’s fixed port and the system’s code, or says a local address could not be opened', () => {
    const fixed = adviceFor({
      code: 'SIGN_IN_LISTENER_FAILED',
      message: ENGLISH,
      port: 8400,
      systemCode: 'EADDRINUSE',
    });
    expect(fixed).toEqual({
      title: 'Glance kann nicht auf Ihren Browser warten',
      detail:
        'Glance konnte Port 8400 dieses Computers nicht öffnen (EADDRINUSE), den Ihre Google-Client-Datei für die Rückkehr des Browsers vorgibt. Das Programm beenden, das diesen Port verwendet, und sich dann erneut anmelden.',
      nextStep: 'sign-in-again',
    });
    expect(adviceFor({ code: 'SIGN_IN_LISTENER_FAILED', message: ENGLISH, port: 0, systemCode: 'EACCES' }).detail).toBe(
      'Glance konnte auf diesem Computer keine lokale Adresse öffnen, zu der Ihr Browser zurückkehren kann (EACCES). Erneut versuchen; falls es sich wiederholt, den Computer neu starten.',
    );
  });
});

describe('a failure inside Glance, in German', () => {
  it('says a generic German sentence and never the core’s own text', () => {
    expect(adviceFor({ code: 'INTERNAL', message: 'TypeError: x is not a function' })).toEqual({
      title: 'In Glance ist etwas schiefgelaufen',
      detail: 'Erneut versuchen; falls es sich wiederholt, bitte melden.',
      nextStep: 'report',
    });
  });
});
