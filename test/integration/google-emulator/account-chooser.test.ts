// The emulator's "browser" holds several signed-in Google users (a session cookie), so the account chooser
// lists them and "Use another account" offers the emulator's users, as on accounts.google.com.
import { afterEach, describe, expect, it } from 'vitest';
import {
  startGoogleEmulator,
  type EmulatorOptions,
  type GoogleEmulator,
} from '../../../electron/google-emulator/index.js';
import { GMAIL_MODIFY, oauthClient } from './helpers.js';

const USERS = [
  { email: 'alex@example.com', name: 'Alex Rivera', unread: 2, read: 0 },
  { email: 'sam@example.com', name: 'Sam Okafor', unread: 1, read: 0 },
  { email: 'kim@example.com', name: 'Kim Lee', unread: 1, read: 0 },
];

const running: GoogleEmulator[] = [];
async function start(options: EmulatorOptions = {}): Promise<GoogleEmulator> {
  const emulator = await startGoogleEmulator({ users: USERS, ...options });
  running.push(emulator);
  return emulator;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

const authUrl = (emulator: GoogleEmulator, params: Record<string, string> = {}) =>
  oauthClient(emulator).generateAuthUrl({ scope: ['openid', 'email', GMAIL_MODIFY], state: 's', ...params });

/** Who the redirect's code belongs to. */
async function emailOf(emulator: GoogleEmulator, location: string): Promise<string | undefined> {
  const client = oauthClient(emulator);
  const { tokens } = await client.getToken(new URL(location).searchParams.get('code') ?? '');
  return (await client.getTokenInfo(tokens.access_token ?? '')).email;
}

/** The raw chooser page, as a browser holding `cookie` would get it. */
async function pageWithCookie(url: string, cookie: string): Promise<string> {
  return (await fetch(url, { headers: { Cookie: cookie }, redirect: 'manual' })).text();
}

describe('a browser with several signed-in users', () => {
  it('remembers every user signed in through its pages, in order, and the chooser lists them plus "Use another account"', async () => {
    const emulator = await start();
    const browser = emulator.browser();
    expect(await browser.signedIn()).toEqual([]);
    expect(await emailOf(emulator, await browser.authorize(authUrl(emulator), { email: 'alex@example.com' }))).toBe(
      'alex@example.com',
    );
    expect(browser.lastSteps).toEqual(['signin', 'consent']);
    // Sam is not signed in here yet: the helper goes through "Use another account".
    const samLocation = await browser.authorize(authUrl(emulator), { email: 'sam@example.com' });
    expect(browser.lastSteps).toEqual(['chooser', 'signin', 'consent']);
    expect(await emailOf(emulator, samLocation)).toBe('sam@example.com');
    expect(new URL(samLocation).searchParams.get('authuser')).toBe('1');
    expect(await browser.signedIn()).toEqual(['alex@example.com', 'sam@example.com']);

    // Picking a signed-in user is one click; the grant covers the scopes, so that's all.
    const again = await browser.authorize(authUrl(emulator), { email: 'sam@example.com' });
    expect(browser.lastSteps).toEqual(['chooser']);
    expect(await emailOf(emulator, again)).toBe('sam@example.com');
    expect(new URL(again).searchParams.get('authuser')).toBe('1');
  });

  it('the chooser page shows exactly the signed-in users as buttons; "Use another account" offers all the emulator’s users', async () => {
    const emulator = await start();
    // A real cookie, as a browser would hold it: sign in through /AddSession.
    const added = await fetch(`${emulator.origin}/AddSession`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'account=kim%40example.com',
    });
    const cookie = (added.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^EMU_SID=/);
    const chooser = await pageWithCookie(authUrl(emulator), cookie);
    expect(chooser).toContain('<main data-google-step="chooser">');
    expect([...chooser.matchAll(/name="account" value="([^"]+)"/g)].map((match) => match[1])).toEqual([
      'kim@example.com',
    ]);
    const another = /<a href="([^"]+)">Use another account<\/a>/.exec(chooser)?.[1] ?? '';
    const signInPage = await pageWithCookie(
      new URL(another.replace(/&amp;/g, '&'), emulator.origin).toString(),
      cookie,
    );
    expect(signInPage).toContain('<main data-google-step="signin">');
    expect([...signInPage.matchAll(/type="radio" name="account" value="([^"]+)"/g)].map((match) => match[1])).toEqual(
      USERS.map((user) => user.email),
    );
    // Without the cookie the same URL is a browser nobody is signed in to.
    expect(await (await fetch(authUrl(emulator))).text()).toContain('<main data-google-step="signin">');
  });

  it('login_hint: a signed-in user is picked without the chooser; prompt=select_account shows it anyway; an unknown-here user preselects', async () => {
    const emulator = await start();
    const browser = emulator.browser();
    await browser.signIn('alex@example.com');
    await browser.signIn('sam@example.com');
    await browser.authorize(authUrl(emulator), { email: 'sam@example.com' }); // grant sam

    const hinted = await browser.authorize(authUrl(emulator, { login_hint: 'sam@example.com' }));
    expect(browser.lastSteps).toEqual([]);
    expect(await emailOf(emulator, hinted)).toBe('sam@example.com');

    await browser.authorize(authUrl(emulator, { login_hint: 'sam@example.com', prompt: 'select_account' }));
    expect(browser.lastSteps).toEqual(['chooser']);

    // Kim isn't signed in here: the chooser carries the hint and the helper signs Kim in by default.
    const kim = await browser.authorize(authUrl(emulator, { login_hint: 'kim@example.com' }));
    expect(browser.lastSteps).toEqual(['chooser', 'signin', 'consent']);
    expect(await emailOf(emulator, kim)).toBe('kim@example.com');
    expect(await browser.signedIn()).toEqual(['alex@example.com', 'sam@example.com', 'kim@example.com']);
  });

  it('without a choice the chooser’s first account is taken; a bad choice is a clear error', async () => {
    const emulator = await start();
    const browser = emulator.browser();
    await browser.signIn('sam@example.com');
    expect(await emailOf(emulator, await browser.authorize(authUrl(emulator)))).toBe('sam@example.com');
    await expect(browser.authorize(authUrl(emulator), { email: 'nobody@example.com' })).rejects.toThrow(
      /Choose one of the listed accounts/,
    );
    await expect(browser.signIn('nobody@example.com')).rejects.toThrow(/Could not sign nobody@example.com in/);
  });

  it('picking a user who is not signed in in this browser is refused with what to do', async () => {
    const emulator = await start();
    const page = await (await fetch(authUrl(emulator))).text();
    const requestId = /name="request_id" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const response = await fetch(`${emulator.origin}/o/oauth2/v2/account`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: requestId, account: 'alex@example.com' }).toString(),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('alex@example.com is not signed in in this browser');
  });

  it('browsers are separate, and sign-out empties one without touching app grants', async () => {
    const emulator = await start();
    const first = emulator.browser();
    const second = emulator.browser();
    await first.authorize(authUrl(emulator), { email: 'alex@example.com' });
    expect(await second.signedIn()).toEqual([]);
    await second.authorize(authUrl(emulator), { email: 'alex@example.com' });
    expect(second.lastSteps).toEqual(['signin']); // a new browser signs in; the grant already exists
    await first.signOut();
    expect(await first.signedIn()).toEqual([]);
    expect(await second.signedIn()).toEqual(['alex@example.com']);
    await first.authorize(authUrl(emulator), { email: 'alex@example.com' });
    expect(first.lastSteps).toEqual(['signin']);
  });

  it('prompt=none uses the browser’s first signed-in user when there is no hint', async () => {
    const emulator = await start();
    const browser = emulator.browser();
    await browser.authorize(authUrl(emulator), { email: 'sam@example.com' });
    const silent = await browser.authorize(authUrl(emulator, { prompt: 'none' }));
    expect(new URL(silent).searchParams.get('prompt')).toBe('none');
    expect(await emailOf(emulator, silent)).toBe('sam@example.com');
  });
});
