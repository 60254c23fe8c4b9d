/**
 * The sign-in listener under attack: while a real sign-in waits on 127.0.0.1, a local web page or process
 * probes it — foreign Host (DNS rebinding), wrong or missing state, other paths and methods, a cross-site
 * fetch with an Origin, a CORS preflight, very long URLs and headers, a slow client, hundreds of
 * connections — and replays the callback afterwards. Each probe gets a harmless answer that echoes
 * nothing, no probe finishes the sign-in, nothing secret reaches an answer or a log line, and the
 * person's own sign-in (emulator consent → redirect → PKCE exchange) still completes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { AuthService } from '../../../electron/core/auth/auth-service.js';
import { clientConfigForServer } from '../../../electron/core/config/client-secrets.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { KEYCHAIN_SERVICE, memorySecretStore } from '../../../electron/core/keychain/secret-store.js';
import { httpGet, tryConnect } from '../../unit/core/auth/http-helpers.js';

let emu: GoogleEmulator;
let dataDir: string;

beforeEach(async () => {
  emu = await startGoogleEmulator();
  dataDir = await mkdtemp(join(tmpdir(), 'glance-loopback-abuse-'));
});
afterEach(async () => {
  await emu.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface RawAnswer {
  /** The status code, or what happened to the connection instead. */
  status: number | 'closed' | 'refused';
  text: string;
}

/**
 * Sends raw bytes (any method, Host, size) and reads until the server closes or a pause. Every probe asks the
 * server to close, so the pause only ends a probe the server never answers: long enough for a loaded machine.
 */
function rawRequest(port: number, bytes: string, settleMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : 'closed', text });
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      // One answer is enough: a keep-alive connection stays open after it.
      clearTimeout(timer);
      timer = setTimeout(done, 50);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (text === '' && error.code === 'ECONNREFUSED') {
        clearTimeout(timer);
        resolve({ status: 'refused', text });
      } else done();
    });
    socket.on('close', done);
    socket.on('connect', () => {
      socket.write(bytes);
      timer = setTimeout(done, settleMs);
    });
  });
}

const request = (method: string, target: string, host: string, headers: Record<string, string> = {}) =>
  `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}Connection: close\r\n\r\n`;

/** A client that sends its request line a few bytes at a time and never finishes. */
function slowClient(port: number, path: string): { socket: Socket; closed: Promise<void> } {
  const socket = connect({ port, host: '127.0.0.1' });
  socket.on('error', () => undefined);
  const line = `GET ${path}?state=`;
  let sent = 0;
  const drip = setInterval(() => {
    if (socket.destroyed || sent >= line.length) return;
    socket.write(line.slice(sent, sent + 2));
    sent += 2;
  }, 50);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  void closed.then(() => clearInterval(drip));
  return { socket, closed };
}

describe('the sign-in listener against a local attacker', () => {
  it('answers every probe harmlessly, leaks nothing, and the real sign-in still completes', async () => {
    const logger = memoryLogger();
    const secretStore = memorySecretStore();
    const google = emu.browser();
    const probes: Array<{ name: string; answer: RawAnswer }> = [];
    const fakeCode = '4/0FAKE-code-from-an-attacker';
    let realCallback = '';
    let redirect!: URL;
    let state = '';
    let slow!: ReturnType<typeof slowClient>;
    let crowdStatuses: Array<RawAnswer['status']> = [];

    const service = new AuthService({
      client: clientConfigForServer(emu),
      secretStore,
      paths: { dataDir },
      clock: { now: () => Date.now() },
      logger,
      browser: {
        open: async (authUrl: string) => {
          const auth = new URL(authUrl);
          redirect = new URL(auth.searchParams.get('redirect_uri')!);
          state = auth.searchParams.get('state')!;
          const port = Number(redirect.port);
          const own = redirect.host;
          const path = redirect.pathname;
          const probe = async (name: string, bytes: string) =>
            probes.push({ name, answer: await rawRequest(port, bytes) });

          slow = slowClient(port, path);
          const withState = `${path}?state=${encodeURIComponent(state)}&code=${encodeURIComponent(fakeCode)}`;
          await probe('foreign Host with the right state and a code', request('GET', withState, 'evil.example:80'));
          await probe('foreign Host on our port', request('GET', withState, `evil.example:${port}`));
          await probe('no state', request('GET', `${path}?code=${fakeCode}`, own));
          await probe('wrong state', request('GET', `${path}?state=guess&code=${fakeCode}`, own));
          await probe('other path with the right state', request('GET', `/?state=${state}&code=${fakeCode}`, own));
          await probe('right state, no code', request('GET', `${path}?state=${state}`, own));
          await probe(
            'cross-site fetch (Origin) with a guessed state',
            request('GET', `${path}?state=guess&code=${fakeCode}`, own, { Origin: 'https://evil.example' }),
          );
          await probe('HEAD with the right state', request('HEAD', withState, own));
          await probe('POST with the right state', request('POST', withState, own, { 'Content-Length': '0' }));
          await probe(
            'CORS preflight',
            request('OPTIONS', withState, own, {
              Origin: 'https://evil.example',
              'Access-Control-Request-Method': 'GET',
            }),
          );
          await probe('a 100 KB URL', request('GET', `${path}?state=${'a'.repeat(100_000)}`, own));
          await probe('a 64 KB header', request('GET', withState, own, { Cookie: 'x'.repeat(64_000) }));
          await probe('garbage instead of HTTP', `\u0000\u00ff${'\r\n'.repeat(3)}GARBAGE\r\n\r\n`);

          // Many connections at once, each with a guessed state.
          crowdStatuses = (
            await Promise.all(
              Array.from({ length: 200 }, (_, i) =>
                rawRequest(port, request('GET', `${path}?state=guess${i}&code=${fakeCode}`, own), 15_000),
              ),
            )
          ).map((answer) => answer.status);

          // The person's browser: Google's consent, then the redirect to the listener.
          realCallback = await google.authorize(authUrl, {});
          const page = await httpGet(realCallback);
          expect(page.status).toBe(200);
        },
      },
    });
    await service.start();
    // A probe that finished the sign-in with its fake code makes the exchange fail here.
    const account = await service.signIn({}).catch((error: unknown) => {
      throw new Error(`The sign-in did not finish with the person's own code (${String(error).slice(0, 60)})`);
    });

    // The sign-in finished with the real code: a probe's fake code would have failed the exchange.
    expect(account).toMatchObject({ email: emu.users()[0]!.email, status: 'ready' });
    const refreshToken = (await secretStore.get(KEYCHAIN_SERVICE, account.id)) ?? '';
    expect(refreshToken).toMatch(/^1\/\//);

    const expectedStatus: Record<string, Array<RawAnswer['status']>> = {
      // Node refuses oversized request lines and headers itself (431) before the listener sees them.
      'a 100 KB URL': [431, 'closed'],
      'a 64 KB header': [431, 'closed'],
      'garbage instead of HTTP': [400, 'closed'],
    };
    for (const { name, answer } of probes) {
      expect(expectedStatus[name] ?? [400], `${name}: ${answer.text.slice(0, 80)}`).toContain(answer.status);
      // Harmless: no CORS grant, nothing echoed from the request.
      expect(answer.text, name).not.toMatch(/access-control-allow/i);
      expect(answer.text, name).not.toContain(state);
      expect(answer.text, name).not.toContain(fakeCode);
      expect(answer.text, name).not.toContain(redirect.pathname);
      expect(answer.text, name).not.toContain('evil.example');
    }
    expect(crowdStatuses).toHaveLength(200);
    expect(crowdStatuses.every((status) => status === 400)).toBe(true);

    // The slow client held a connection the whole time; the listener closed it when the sign-in ended.
    await slow.closed;
    expect(slow.socket.destroyed).toBe(true);

    // Replaying the real callback, or sending a second one, finds the port closed.
    const port = Number(redirect.port);
    await vi.waitFor(async () => expect(await tryConnect(port)).toBe('ECONNREFUSED'));
    expect(
      (
        await rawRequest(
          port,
          request('GET', new URL(realCallback).pathname + new URL(realCallback).search, redirect.host),
        )
      ).status,
    ).toBe('refused');

    // Nothing secret in the log: not the state, either code, the callback path or a token.
    const realCode = new URL(realCallback).searchParams.get('code')!;
    const log = logger.lines.join('\n');
    for (const secret of [state, fakeCode, realCode, redirect.pathname, refreshToken]) {
      expect(log).not.toContain(secret);
    }
    expect(log).toMatch(/Sign-in listener ignored a request: a Host other than this listener/);
    expect(log).toMatch(/Sign-in listener ignored a request: wrong state/);
    await service.dispose();
  }, 60_000);
});
