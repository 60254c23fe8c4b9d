/**
 * Each sign-in problem → its own screen, in Chromium: the built renderer over the real core, with the
 * Google emulator's fault knobs producing what Google sends back (the redirect's `error=`, the token
 * endpoint's JSON), and keychains that fail the way Linux desktops do.
 */
import { expect, test } from '@playwright/test';
import { KeychainUnavailableError } from '../../electron/core/errors.js';
import { memorySecretStore } from '../../electron/core/keychain/secret-store.js';
import type { SecretStore } from '../../electron/core/ports.js';
import { launchGlance, signInThroughBrowser, type GlanceApp } from './support/glance-app.js';
import { passGooglePages } from './support/google-pages.js';

let app: GlanceApp | undefined;

test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const problem = (glance: GlanceApp, code: string) => glance.page.locator(`[role="alert"][data-error-code="${code}"]`);

test.describe('sign-in errors → their screens', () => {
  const redirectErrors = [
    ['access_denied', 'CONSENT_DENIED', /You chose Deny/, /choose Allow/],
    [
      'admin_policy_enforced',
      'ADMIN_POLICY_BLOCKED',
      /organisation hasn’t allowed Glance/,
      /API controls → App access control/,
    ],
    ['org_internal', 'ORG_INTERNAL', /for one organisation only/, /Audience → Make external/],
  ] as const;
  for (const [oauthError, code, title, todo] of redirectErrors) {
    test(`redirect error=${oauthError} → the ${code} screen`, async ({ browser }) => {
      app = await launchGlance({ browser });
      app.emulator.failAuthorizations(oauthError);
      await signInThroughBrowser(app);
      const screen = problem(app, code);
      await expect(screen).toBeVisible();
      await expect(screen).toContainText(title);
      await expect(screen).toContainText(todo);
      if (code !== 'CONSENT_DENIED')
        await expect(screen.getByTestId('client-id')).toHaveText(app.emulator.defaultClient.clientId);
      await expect(app.page.locator('[data-app-state="signed-out"]')).toBeVisible();
    });
  }

  const tokenErrors = [
    [401, 'deleted_client', 'CLIENT_REJECTED', /was deleted/, 'Choose client file…'],
    [401, 'invalid_client', 'CLIENT_REJECTED', /doesn’t accept this OAuth client/, 'Choose client file…'],
    [400, 'redirect_uri_mismatch', 'REDIRECT_URI_MISMATCH', /Application type: Desktop app/, 'Choose client file…'],
  ] as const;
  for (const [status, oauthError, code, text, button] of tokenErrors) {
    test(`token endpoint ${oauthError} → the ${code} screen`, async ({ browser }) => {
      app = await launchGlance({ browser });
      app.emulator.faults.inject({
        match: { path: '/token' },
        fault: { type: 'status', status, body: { error: oauthError, error_description: 'Bad Request' } },
        times: 1,
      });
      await signInThroughBrowser(app);
      const screen = problem(app, code);
      await expect(screen).toContainText(text);
      await expect(screen.getByRole('button', { name: button })).toBeVisible();
    });
  }

  test('Gmail box unticked → the SCOPE_MISSING screen → "Ask again for Gmail access" asks for just that → signed in', async ({
    browser,
  }) => {
    app = await launchGlance({ browser });
    await signInThroughBrowser(app, { untickGmail: true });
    const screen = problem(app, 'SCOPE_MISSING');
    await expect(screen).toContainText(/Gmail access wasn’t ticked/);
    const googlePage = app.nextSystemBrowserPage();
    await screen.getByRole('button', { name: 'Ask again for Gmail access' }).click();
    const page = await googlePage;
    const asked = new URL(page.url());
    expect(asked.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/gmail.modify');
    expect(asked.searchParams.get('include_granted_scopes')).toBe('true');
    // The browser is signed in as that account: only the consent page, with only the Gmail box.
    await expect(page.locator('input[name="granted_scope"]')).toHaveCount(1);
    expect(await passGooglePages(page)).toEqual(['consent']);
    await expect(app.page.locator('[data-app-state="ready"]')).toBeVisible();
  });
});

/** A keychain failing the way keytar does on a desktop without one. */
function failingKeychain(message: string, on: Array<keyof SecretStore> = ['get', 'set', 'delete']): SecretStore {
  const working = memorySecretStore();
  const fail = async (): Promise<never> => {
    throw new Error(message);
  };
  return {
    get: on.includes('get') ? fail : working.get,
    set: on.includes('set') ? fail : working.set,
    delete: on.includes('delete') ? fail : working.delete,
  };
}

test.describe('no keychain → the keychain screen', () => {
  test('no Secret Service on D-Bus: says so with the packages per distribution; Try again keeps Glance running', async ({
    browser,
  }) => {
    app = await launchGlance({
      browser,
      secretStore: failingKeychain('The name org.freedesktop.secrets was not provided by any .service files'),
    });
    const screen = app.page.locator('[data-keychain-problem="no-secret-service"]');
    await expect(screen).toContainText('No keyring service is running');
    await expect(screen).toContainText('sudo apt install gnome-keyring');
    await expect(screen).toContainText('sudo dnf install gnome-keyring');
    await expect(screen).toContainText('KWallet');
    await expect(screen).toContainText('KeePassXC');
    await screen.getByRole('button', { name: 'Try again' }).click();
    await expect(app.page.locator('[data-keychain-problem="no-secret-service"]')).toBeVisible();
    await expect(app.page.locator('[data-app-state="keychain-unavailable"]')).toBeVisible();
  });

  test('keytar’s native module failing to load: says so, with libsecret per distribution', async ({ browser }) => {
    app = await launchGlance({
      browser,
      secretStore: {
        get: async () => {
          throw new KeychainUnavailableError('the keychain module could not be loaded', undefined, 'module-failed');
        },
        set: async () => undefined,
        delete: async () => false,
      },
    });
    const screen = app.page.locator('[data-keychain-problem="module-failed"]');
    await expect(screen).toContainText('keychain module couldn’t load');
    await expect(screen).toContainText('sudo apt install libsecret-1-0');
  });

  test('a keyring that stays locked: the sign-in can’t be kept → the "locked" screen, not a crash', async ({
    browser,
  }) => {
    app = await launchGlance({
      browser,
      secretStore: failingKeychain('Cannot create an item in a locked collection', ['set']),
    });
    await expect(app.page.locator('[data-app-state="signed-out"]')).toBeVisible();
    await signInThroughBrowser(app);
    const screen = app.page.locator('[data-keychain-problem="locked"]');
    await expect(screen).toContainText('Your keyring is locked');
  });

  test('opt in to the passphrase file → sign in → at the next start the passphrase is asked; a wrong one says so', async ({
    browser,
  }) => {
    const keychain = failingKeychain('Cannot autolaunch D-Bus without X11 $DISPLAY');
    app = await launchGlance({ browser, secretStore: keychain });
    const screen = app.page.locator('[data-keychain-problem="no-secret-service"]');
    await screen.getByLabel('Keep my sign-in in a file protected by a passphrase').check();
    await screen.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
    await screen.getByLabel('Repeat it').fill('a long passphrase');
    await screen.getByRole('button', { name: 'Use this passphrase' }).click();
    await expect(app.page.locator('[data-app-state="signed-out"]')).toBeVisible();
    await signInThroughBrowser(app);
    await expect(app.page.locator('[data-app-state="ready"]')).toBeVisible();
    await expect(app.page.locator('[data-message-id]').first()).toBeVisible();

    await app.restart();
    const prompt = app.page.locator('[data-keychain-problem="passphrase-needed"]');
    await expect(prompt).toContainText('Enter your passphrase');
    await prompt.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await prompt.getByRole('button', { name: 'Open' }).click();
    await expect(prompt.getByTestId('passphrase-problem')).toContainText('doesn’t open your saved sign-in');
    await prompt.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
    await prompt.getByRole('button', { name: 'Open' }).click();
    await expect(app.page.locator('[data-app-state="ready"]')).toBeVisible();
    await expect(app.page.locator('[data-message-id]').first()).toBeVisible();
  });
});
