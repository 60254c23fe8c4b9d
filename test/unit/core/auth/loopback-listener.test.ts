import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DECLINED_PAGE,
  DEFAULT_SIGN_IN_TIMEOUT_MS,
  SUCCESS_PAGE,
  startLoopbackListener,
  type LoopbackListener,
} from '../../../../electron/core/auth/loopback-listener.js';
import {
  ConsentDeniedError,
  GoogleApiError,
  SignInCancelledError,
  SignInListenerError,
  SignInTimeoutError,
  toIpcError,
} from '../../../../electron/core/errors.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { httpGet, manualTimers, tryConnect } from './http-helpers.js';

const STATE = 'st4te-' + 'x'.repeat(40);
const CODE = '4/0AbCdEf-ghij_klmn';
const started: LoopbackListener[] = [];

async function listen(overrides: { fixedRedirectUri?: string } = {}) {
  const timers = manualTimers();
  const logger = memoryLogger();
  const listener = await startLoopbackListener({ expectedState: STATE, timers, logger, ...overrides });
  started.push(listener);
  return { listener, timers, logger };
}

function callbackUrl(listener: LoopbackListener, params: Record<string, string>): string {
  const url = new URL(listener.redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

async function expectClosed(listener: LoopbackListener) {
  await listener.closed;
  expect(await tryConnect(listener.port)).toBe('ECONNREFUSED');
}

afterEach(async () => {
  for (const listener of started.splice(0)) {
    listener.cancel();
    await listener.closed;
  }
});

describe('loopback listener', () => {
  it('binds 127.0.0.1 on a random port with an unguessable path', async () => {
    const { listener } = await listen();
    const other = await listen();
    expect(listener.boundAddress).toBe('127.0.0.1');
    const url = new URL(listener.redirectUri);
    expect(url.protocol).toBe('http:');
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBe(listener.port);
    expect(listener.port).toBeGreaterThan(0);
    expect(url.pathname.length).toBeGreaterThanOrEqual(22); // 128 random bits, base64url
    expect(url.pathname).not.toBe(new URL(other.listener.redirectUri).pathname);
    // Not reachable through any other local address.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((info) => info && info.family === 'IPv4' && !info.internal);
    if (external) expect(await tryConnect(listener.port, external.address)).not.toBe('connected');
  });

  it('accepts one valid callback, answers the static page and closes', async () => {
    const { listener, timers, logger } = await listen();
    const response = await httpGet(callbackUrl(listener, { state: STATE, code: CODE, scope: 'email openid' }));
    expect(response.status).toBe(200);
    expect(response.body).toBe(SUCCESS_PAGE);
    expect(response.body).toContain('You can close this tab and return to Glance');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    await expect(listener.callback).resolves.toEqual({ code: CODE, scope: 'email openid' });
    await expectClosed(listener);
    expect(timers.active).toBe(0);
    expect(logger.lines.join('\n')).not.toContain('0AbCdEf');
  });

  it('rejects a replayed callback after success (the port is closed)', async () => {
    const { listener } = await listen();
    const url = callbackUrl(listener, { state: STATE, code: CODE });
    await httpGet(url);
    await listener.closed;
    await expect(httpGet(url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('answers 400 to a wrong state, a foreign path, a missing code or another method, and keeps waiting', async () => {
    const { listener } = await listen();
    const base = new URL(listener.redirectUri);
    const bad = [
      callbackUrl(listener, { state: 'forged', code: CODE }),
      callbackUrl(listener, { code: CODE }),
      callbackUrl(listener, { state: STATE }),
      `${base.origin}/favicon.ico`,
      `${base.origin}/?state=${STATE}&code=x`,
      callbackUrl(listener, { state: 'forged', error: 'access_denied' }),
    ];
    for (const url of bad) {
      const response = await httpGet(url);
      expect(response.status, url.replace(CODE, 'CODE')).toBe(400);
      expect(response.headers['cache-control']).toBe('no-store');
    }
    expect((await httpGet(callbackUrl(listener, { state: STATE, code: CODE }), 'POST')).status).toBe(400);
    // Still listening: the real callback now gets through.
    expect((await httpGet(callbackUrl(listener, { state: STATE, code: CODE }))).status).toBe(200);
    await expect(listener.callback).resolves.toMatchObject({ code: CODE });
  });

  it('answers 400 to the right callback sent with another Host (DNS rebinding), and keeps waiting', async () => {
    const { listener } = await listen();
    const url = callbackUrl(listener, { state: STATE, code: CODE });
    const port = new URL(listener.redirectUri).port;
    for (const host of [`evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `127.0.0.1:${Number(port) + 1}`]) {
      const response = await httpGet(url, 'GET', { Host: host });
      expect(response.status, host).toBe(400);
      expect(response.body).not.toContain(CODE);
    }
    expect((await httpGet(url)).status).toBe(200);
    await expect(listener.callback).resolves.toMatchObject({ code: CODE });
  });

  it('turns error=access_denied into ConsentDeniedError with a “you declined” page, then closes', async () => {
    const { listener } = await listen();
    const response = await httpGet(callbackUrl(listener, { state: STATE, error: 'access_denied' }));
    expect(response.status).toBe(200);
    expect(response.body).toBe(DECLINED_PAGE);
    await expect(listener.callback).rejects.toBeInstanceOf(ConsentDeniedError);
    await expectClosed(listener);
  });

  it('turns another Google error into GoogleApiError naming only the error code', async () => {
    const { listener } = await listen();
    await httpGet(callbackUrl(listener, { state: STATE, error: 'interaction_required<script>' }));
    const error = await listener.callback.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoogleApiError);
    expect((error as Error).message).toContain('(interaction_requiredscript)');
    await expectClosed(listener);
  });

  it('times out after 5 minutes by default and closes', async () => {
    const { listener, timers } = await listen();
    expect(timers.pending.map((entry) => entry.ms)).toEqual([DEFAULT_SIGN_IN_TIMEOUT_MS]);
    expect(DEFAULT_SIGN_IN_TIMEOUT_MS).toBe(300_000);
    expect(await tryConnect(listener.port)).toBe('connected');
    timers.fireAll();
    await expect(listener.callback).rejects.toBeInstanceOf(SignInTimeoutError);
    await expectClosed(listener);
  });

  it('closes on cancel, with the given reason', async () => {
    const { listener } = await listen();
    listener.cancel();
    await expect(listener.callback).rejects.toBeInstanceOf(SignInCancelledError);
    await expectClosed(listener);
  });

  it('uses a web client’s registered redirect URI (fixed port and path)', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const fixed = `http://127.0.0.1:${port}/callback`;
    const { listener } = await listen({ fixedRedirectUri: fixed });
    expect(listener.redirectUri).toBe(fixed);
    expect((await httpGet(`http://127.0.0.1:${port}/other?state=${STATE}&code=x`)).status).toBe(400);
    expect((await httpGet(`${fixed}?state=${STATE}&code=${encodeURIComponent(CODE)}`)).status).toBe(200);
    await expect(listener.callback).resolves.toMatchObject({ code: CODE });
  });

  it('a web client’s fixed port held by another program: its own error naming the port and the system’s code', async () => {
    const holder = createServer();
    const port = await new Promise<number>((resolve) =>
      holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)),
    );
    try {
      const failure = listen({ fixedRedirectUri: `http://127.0.0.1:${port}/callback` });
      await expect(failure).rejects.toBeInstanceOf(SignInListenerError);
      const error = toIpcError(await failure.catch((thrown: unknown) => thrown));
      expect(error).toMatchObject({ code: 'SIGN_IN_LISTENER_FAILED', port, systemCode: 'EADDRINUSE' });
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });
});
