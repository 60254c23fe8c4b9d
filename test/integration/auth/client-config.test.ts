/**
 * The client secrets file the emulator hands out (shaped like Google's download) drives a real sign-in:
 * `installed` (Desktop app: random port and path) and `web` (its registered loopback redirect URI).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { AuthService } from '../../../electron/core/auth/auth-service.js';
import { resolveClientConfig, type OAuthClientConfig } from '../../../electron/core/config/client-secrets.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { memorySecretStore } from '../../../electron/core/keychain/secret-store.js';
import { httpGet } from '../../unit/core/auth/http-helpers.js';

let emu: GoogleEmulator | null = null;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glance-clientcfg-'));
});
afterEach(async () => {
  await emu?.close();
  emu = null;
  await rm(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function signInWith(config: OAuthClientConfig, server: GoogleEmulator, dataDir = join(dir, 'data')) {
  const redirects: string[] = [];
  const service = new AuthService({
    client: config,
    secretStore: memorySecretStore(),
    browser: {
      open: async (url) => {
        void (async () => {
          const callback = await server.consent(url);
          redirects.push(callback);
          await httpGet(callback);
        })().catch(() => undefined);
      },
    },
    paths: { dataDir },
    clock: { now: () => Date.now() },
    logger: memoryLogger(),
  });
  await service.start();
  try {
    return { account: await service.signIn({}), redirects };
  } finally {
    await service.dispose();
  }
}

describe('client secrets → sign-in', () => {
  it('an installed client file from GLANCE_CLIENT_SECRETS points every endpoint at its server', async () => {
    emu = await startGoogleEmulator();
    const path = join(dir, 'client_secret_emulator.json');
    await writeFile(path, JSON.stringify(emu.clientSecretsJson('installed')));
    const resolved = await resolveClientConfig({ envClientSecretsPath: path, dataDir: join(dir, 'data') });
    if (resolved.source === 'demo') throw new Error('expected a configured client');
    expect(resolved.source).toBe('env');
    const { authorize, token, revoke, userinfo, tokeninfo } = emu.endpoints;
    expect(resolved.config.endpoints).toEqual({ authorize, token, revoke, userinfo, tokeninfo });
    const { account, redirects } = await signInWith(resolved.config, emu);
    expect(account.email).toBe(emu.users()[0]!.email);
    expect(new URL(redirects[0]!).hostname).toBe('127.0.0.1');
  });

  it('a web client signs in through its registered loopback redirect URI', async () => {
    const port = await freePort();
    const registered = `http://127.0.0.1:${port}/oauth2callback`;
    emu = await startGoogleEmulator({
      clients: [
        {
          clientId: '999-web.apps.googleusercontent.com',
          clientSecret: 'GOCSPX-web',
          type: 'web',
          redirectUris: [registered],
        },
      ],
    });
    const path = join(dir, 'client_secret.json');
    await writeFile(path, JSON.stringify(emu.clientSecretsJson('web')));
    const resolved = await resolveClientConfig({ envClientSecretsPath: path, dataDir: join(dir, 'data') });
    if (resolved.source === 'demo') throw new Error('expected a configured client');
    expect(resolved.config.fixedRedirectUri).toBe(registered);
    const { account, redirects } = await signInWith(resolved.config, emu);
    expect(account.email).toBe(emu.users()[0]!.email);
    expect(redirects[0]!.startsWith(`${registered}?`)).toBe(true);

    // Reinstalled (new data folder, empty keychain): Glance holds no refresh token, so it asks for consent
    // at once (Google would skip consent for the remembered grant and send none): one trip, same registered URI.
    const reinstalled = await signInWith(resolved.config, emu, join(dir, 'reinstalled'));
    expect(reinstalled.account.email).toBe(emu.users()[0]!.email);
    expect(reinstalled.redirects).toHaveLength(1);
    expect(reinstalled.redirects[0]!.startsWith(`${registered}?`)).toBe(true);
    expect(new URL(reinstalled.redirects[0]!).searchParams.get('prompt')).toBe('consent');
  });
});
