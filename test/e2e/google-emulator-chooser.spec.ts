/**
 * The emulator's Google pages in a real browser context (the "system browser" of the e2e tests): the context
 * keeps Google's session cookie, so users signed in once are offered by the account chooser next time, and a
 * second authorization of a granted user ends after the chooser. No Glance app here: a plain loopback
 * server plays the app's redirect listener (a route can't catch the target of a redirect).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { startGoogleEmulator, type GoogleEmulator } from '../../electron/google-emulator/index.js';
import { passGooglePages } from './support/google-pages.js';

let redirectUri = '';
let emulator: GoogleEmulator | undefined;
let loopback: Server | undefined;

test.beforeEach(async () => {
  loopback = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end('<p>Back in the app.</p>');
  });
  await new Promise<void>((resolve) => loopback!.listen(0, '127.0.0.1', resolve));
  redirectUri = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}/callback`;
});

test.afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  loopback?.closeAllConnections();
  await new Promise((resolve) => loopback?.close(resolve));
});

function authUrl(google: GoogleEmulator, params: Record<string, string> = {}): string {
  const url = new URL(google.endpoints.authorize);
  for (const [name, value] of Object.entries({
    client_id: google.defaultClient.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid email https://www.googleapis.com/auth/gmail.modify',
    state: 'e2e',
    ...params,
  }))
    url.searchParams.set(name, value);
  return url.toString();
}

/** Where the browser was sent back to the app: the code's owner, via the token endpoint. */
async function redirectedAs(
  google: GoogleEmulator,
  page: Page,
): Promise<{ email: string | undefined; prompt: string }> {
  const redirect = new URL(page.url());
  expect(redirect.origin + redirect.pathname).toBe(redirectUri);
  const response = await fetch(google.endpoints.token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: google.defaultClient.clientId,
      client_secret: google.defaultClient.clientSecret,
      code: redirect.searchParams.get('code') ?? '',
      grant_type: 'authorization_code',
      redirect_uri: redirectUri,
    }),
  });
  const idToken = ((await response.json()) as { id_token: string }).id_token;
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    email?: string;
  };
  return { email: claims.email, prompt: redirect.searchParams.get('prompt') ?? '' };
}

test('one browser, two Google users: the chooser lists both, "Use another account" adds one, a granted user skips consent', async ({
  browser,
}) => {
  emulator = await startGoogleEmulator();
  const google = emulator;
  const context = await browser.newContext();
  const page = await context.newPage();

  await page.goto(authUrl(google));
  expect(await passGooglePages(page, { email: 'alex@example.com' })).toEqual(['signin', 'consent']);
  expect(await redirectedAs(google, page)).toEqual({ email: 'alex@example.com', prompt: 'consent' });

  await page.goto(authUrl(google));
  const chooser = page.locator('main[data-google-step="chooser"]');
  await expect(chooser.getByRole('button')).toHaveText([/Alex Rivera\s+alex@example\.com/]);
  await expect(chooser.getByRole('link', { name: 'Use another account' })).toBeVisible();
  expect(await passGooglePages(page, { email: 'sam@example.com' })).toEqual(['chooser', 'signin', 'consent']);
  expect(await redirectedAs(google, page)).toEqual({ email: 'sam@example.com', prompt: 'consent' });

  await page.goto(authUrl(google));
  await expect(chooser.getByRole('button')).toHaveText([/alex@example\.com/, /sam@example\.com/]);
  expect(await passGooglePages(page, { email: 'alex@example.com' })).toEqual(['chooser']);
  expect(await redirectedAs(google, page)).toEqual({ email: 'alex@example.com', prompt: 'none' });

  // login_hint names a signed-in, granted user: no Google page at all.
  await page.goto(authUrl(google, { login_hint: 'sam@example.com' }));
  expect(await passGooglePages(page)).toEqual([]);
  expect(await redirectedAs(google, page)).toEqual({ email: 'sam@example.com', prompt: 'none' });
  await context.close();
});
