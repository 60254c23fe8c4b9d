/**
 * DNS rebinding against the demo emulator: a web page whose own name resolves to 127.0.0.1 reaches the
 * emulator's port with that name in `Host`. The emulator answers only requests addressed to its own
 * address, so such a page cannot read a consent page, a token or a mailbox.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { isOwnHost } from '../../../electron/google-emulator/http-util.js';
import { signIn } from './helpers.js';

let emulator: GoogleEmulator;

beforeAll(async () => {
  emulator = await startGoogleEmulator({ users: [{ email: 'alex@example.com', name: 'Alex', unread: 3 }] });
});
afterAll(async () => emulator?.close());

/** A raw request with any Host header (fetch would not let a test set it). */
function rawGet(path: string, host: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(emulator.origin);
  return new Promise((resolve, reject) => {
    const headers = host === '' ? {} : { Host: host };
    // No Host at all when the test gives none (HTTP/1.0 clients and raw sockets can omit it).
    const options = { host: hostname, port, path, method: 'GET', headers, setHost: host !== '' };
    const outgoing = request(options, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the emulator checks the Host header', () => {
  it.each([
    ['a rebinding page’s name', 'evil.example.com'],
    ['a rebinding page’s name on the emulator’s port', 'evil.example.com:PORT'],
    ['a loopback name on another port', '127.0.0.1:1'],
  ])('refuses %s', async (_name, rawHost) => {
    const host = rawHost.replace('PORT', new URL(emulator.origin).port);
    const before = emulator.requestLog.length;
    const tokenInfo = await rawGet('/oauth2/v2/userinfo', host);
    expect(tokenInfo.status).toBe(400);
    expect(tokenInfo.body).toMatch(/own address/);
    const consent = await rawGet('/o/oauth2/v2/auth?client_id=x', host);
    expect(consent.status).toBe(400);
    expect(consent.body).not.toMatch(/alex@example\.com|<form/i);
    expect(emulator.requestLog.slice(before).map((entry) => entry.status)).toEqual([400, 400]);
  });

  it('refuses a request with no Host at all (Node’s server answers 400 before the emulator sees it)', async () => {
    const answer = await rawGet('/o/oauth2/v2/auth?client_id=x', '');
    expect(answer.status).toBe(400);
    expect(answer.body).not.toMatch(/alex@example\.com|<form/i);
  });

  it('answers its own address, and the other loopback spellings of its port', async () => {
    const port = new URL(emulator.origin).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await rawGet('/o/oauth2/v2/auth?client_id=x', host)).status, host).not.toBe(400);
    }
    // A real sign-in (consent page, token exchange, Gmail) still works.
    const signedIn = await signIn(emulator);
    const profile = await signedIn.gmail.users.getProfile({ userId: 'me' });
    expect(profile.data.emailAddress).toBe('alex@example.com');
  });
});

describe('isOwnHost', () => {
  it('accepts only the bound address, its loopback spellings, or any name on the port of a wildcard bind', () => {
    expect(isOwnHost('127.0.0.1:80', '127.0.0.1', 80)).toBe(true);
    expect(isOwnHost('[::1]:80', '::1', 80)).toBe(true);
    expect(isOwnHost('localhost:80', '::1', 80)).toBe(true);
    expect(isOwnHost('127.0.0.1', '127.0.0.1', 80)).toBe(false);
    expect(isOwnHost(undefined, '127.0.0.1', 80)).toBe(false);
    expect(isOwnHost('evil.example:80', '127.0.0.1', 80)).toBe(false);
    expect(isOwnHost('10.0.0.5:80', '10.0.0.5', 80)).toBe(true);
    expect(isOwnHost('localhost:80', '10.0.0.5', 80)).toBe(false);
    expect(isOwnHost('demo.lan:80', '0.0.0.0', 80)).toBe(true);
    expect(isOwnHost('demo.lan:81', '0.0.0.0', 80)).toBe(false);
  });
});
