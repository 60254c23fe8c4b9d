import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CLIENT_SECRETS_FILE_NAME,
  GOOGLE_ENDPOINTS,
  clientConfigForServer,
  importClientSecretsFile,
  parseClientSecrets,
  readClientSecretsFile,
  resolveClientConfig,
} from '../../../../electron/core/config/client-secrets.js';
import { ClientConfigError, toIpcError } from '../../../../electron/core/errors.js';

// Shaped like the files Google Cloud Console downloads.
const installedFile = {
  installed: {
    client_id: '111-abc.apps.googleusercontent.com',
    project_id: 'glance-test',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_secret: 'GOCSPX-installed',
    redirect_uris: ['http://localhost'],
  },
};
const webFile = {
  web: {
    client_id: '222-web.apps.googleusercontent.com',
    client_secret: 'GOCSPX-web',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
    redirect_uris: ['https://example.org/oauth', 'http://127.0.0.1:8400/callback'],
  },
};

function errorOf(fn: () => unknown): ClientConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ClientConfigError);
    return error as ClientConfigError;
  }
  throw new Error('expected a ClientConfigError');
}

describe('parseClientSecrets', () => {
  it('reads an installed (Desktop app) client with Google’s current endpoints', () => {
    const config = parseClientSecrets(installedFile);
    expect(config).toEqual({
      clientId: '111-abc.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-installed',
      endpoints: { ...GOOGLE_ENDPOINTS },
    });
    expect(config.fixedRedirectUri).toBeUndefined();
  });

  it('reads a web client and picks its registered loopback redirect', () => {
    const config = parseClientSecrets(webFile);
    expect(config.clientId).toBe('222-web.apps.googleusercontent.com');
    expect(config.fixedRedirectUri).toBe('http://127.0.0.1:8400/callback');
  });

  it('allows a Desktop client without a secret (public client)', () => {
    const { client_secret: _secret, ...rest } = installedFile.installed;
    expect(parseClientSecrets({ installed: rest }).clientSecret).toBeUndefined();
  });

  it('names the missing field and what to do', () => {
    const { client_id: _id, ...rest } = installedFile.installed;
    const error = errorOf(() => parseClientSecrets({ installed: rest }));
    expect(error.message).toBe(
      'client_secret.json is missing installed.client_id — download the JSON again from Google Cloud Console → APIs & Services → Credentials.',
    );
    expect(error.field).toBe('installed.client_id');
    expect(error.code).toBe('CLIENT_CONFIG_INVALID');
  });

  it('reports an empty client_id as missing and a wrong type as invalid', () => {
    expect(errorOf(() => parseClientSecrets({ web: { ...webFile.web, client_id: '' } })).message).toContain(
      'is missing web.client_id',
    );
    const typed = errorOf(() => parseClientSecrets({ installed: { ...installedFile.installed, client_secret: 42 } }));
    expect(typed.message).toContain('has an invalid installed.client_secret');
    expect(typed.field).toBe('installed.client_secret');
  });

  it('rejects JSON that is not a client secrets object', () => {
    expect(errorOf(() => parseClientSecrets([])).message).toContain('not a Google client secrets file');
    const neither = errorOf(() => parseClientSecrets({ type: 'service_account' }));
    expect(neither.message).toContain('neither an “installed” nor a “web” section');
    expect(neither.message).toContain('Desktop app');
  });

  it('rejects token endpoints that are not https (tokens would travel in clear)', () => {
    const error = errorOf(() =>
      parseClientSecrets({ installed: { ...installedFile.installed, token_uri: 'http://evil.example/token' } }),
    );
    expect(error.field).toBe('installed.token_uri');
    expect(error.message).toContain('https://');
  });

  it('refuses a file that shows Google’s consent page but sends the tokens to another https host', () => {
    const error = errorOf(() =>
      parseClientSecrets({ installed: { ...installedFile.installed, token_uri: 'https://tokens.evil.example/token' } }),
    );
    expect(error.field).toBe('installed.token_uri');
    expect(error.message).toContain('not Google');
    expect(error.message).toContain('tokens.evil.example');
  });

  it('keeps a web client’s registered redirect URI exactly as written (Google compares it exactly)', () => {
    const config = parseClientSecrets({ web: { ...webFile.web, redirect_uris: ['http://127.0.0.1:8400'] } });
    expect(config.fixedRedirectUri).toBe('http://127.0.0.1:8400');
  });

  it('derives every endpoint from a loopback server’s origin (the emulator)', () => {
    const config = parseClientSecrets({
      installed: {
        client_id: 'x',
        client_secret: 'y',
        auth_uri: 'http://127.0.0.1:5000/o/oauth2/v2/auth',
        token_uri: 'http://127.0.0.1:5000/token',
      },
    });
    expect(config.endpoints).toEqual({
      authorize: 'http://127.0.0.1:5000/o/oauth2/v2/auth',
      token: 'http://127.0.0.1:5000/token',
      revoke: 'http://127.0.0.1:5000/revoke',
      userinfo: 'http://127.0.0.1:5000/oauth2/v2/userinfo',
      tokeninfo: 'http://127.0.0.1:5000/tokeninfo',
    });
  });

  it('refuses a web client without a loopback redirect and says how to fix it', () => {
    const error = errorOf(() =>
      parseClientSecrets({ web: { ...webFile.web, redirect_uris: ['https://example.org/oauth'] } }),
    );
    expect(error.field).toBe('web.redirect_uris');
    expect(error.message).toContain('Desktop app');
  });
});

describe('each fault as a reason the window words in the person’s language', () => {
  const { client_id: _id, ...withoutId } = installedFile.installed;
  it.each([
    ['not an object', [], { reason: 'not-an-object' }],
    ['no client section', { type: 'service_account' }, { reason: 'no-client-section', field: 'installed' }],
    ['a missing field', { installed: withoutId }, { reason: 'missing-field', field: 'installed.client_id' }],
    ['an empty field', { web: { ...webFile.web, client_id: '' } }, { reason: 'missing-field', field: 'web.client_id' }],
    [
      'a field of the wrong type',
      { installed: { ...installedFile.installed, client_secret: 42 } },
      { reason: 'invalid-field', field: 'installed.client_secret' },
    ],
    [
      'an address that is not a URL',
      { installed: { ...installedFile.installed, token_uri: 'not a url' } },
      { reason: 'not-a-url', field: 'installed.token_uri' },
    ],
    [
      'an address in clear',
      { installed: { ...installedFile.installed, token_uri: 'http://evil.example/token' } },
      { reason: 'not-https', field: 'installed.token_uri' },
    ],
    [
      'a server that is not Google',
      { installed: { ...installedFile.installed, token_uri: 'https://tokens.evil.example/token' } },
      { reason: 'not-google', field: 'installed.token_uri' },
    ],
    [
      'a non-Google server without its token address',
      { installed: { client_id: 'x', auth_uri: 'http://127.0.0.1:5000/auth' } },
      { reason: 'missing-field', field: 'installed.token_uri' },
    ],
    [
      'a web client without a loopback redirect',
      { web: { ...webFile.web, redirect_uris: ['https://example.org/oauth'] } },
      { reason: 'web-client', field: 'web.redirect_uris' },
    ],
  ] as const)('%s', (_what, json, expected) => {
    const error = toIpcError(errorOf(() => parseClientSecrets(json, 'client_secret_42.json')));
    expect(error).toEqual({
      code: 'CLIENT_CONFIG_INVALID',
      message: expect.any(String),
      file: 'client_secret_42.json',
      ...expected,
    });
  });

  describe('files that can’t be read', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'glance-config-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('names the file that is not there, or not readable, or not JSON — by its name, never its path', async () => {
      const problemOf = async (path: string) => toIpcError(await readClientSecretsFile(path).catch((e: unknown) => e));
      expect(await problemOf(join(dir, 'nope.json'))).toMatchObject({ reason: 'file-missing', file: 'nope.json' });
      // A folder where the file should be: read fails with EISDIR.
      expect(await problemOf(dir)).toMatchObject({ reason: 'unreadable' });
      await writeFile(join(dir, 'broken.json'), '{ "installed": ');
      const notJson = await problemOf(join(dir, 'broken.json'));
      expect(notJson).toMatchObject({ reason: 'not-json', file: 'broken.json' });
      expect(JSON.stringify(notJson)).not.toContain(dir);
    });
  });
});

describe('client secrets files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glance-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a file that is not JSON by its name, not its path', async () => {
    const path = join(dir, 'client_secret_123.json');
    await writeFile(path, '{ "installed": ');
    const error = await readClientSecretsFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientConfigError);
    expect((error as Error).message).toBe(
      'client_secret_123.json is not valid JSON — download the JSON again from Google Cloud Console → APIs & Services → Credentials.',
    );
  });

  it('reports a missing file clearly', async () => {
    const error = await readClientSecretsFile(join(dir, 'nope.json')).catch((e: unknown) => e);
    expect((error as Error).message).toContain('nope.json does not exist');
  });

  it('resolves env path → data folder → embedded → demo, in that order', async () => {
    const dataDir = join(dir, 'data');
    const envPath = join(dir, 'env.json');
    await writeFile(envPath, JSON.stringify(webFile));
    expect(await resolveClientConfig({ dataDir })).toEqual({ source: 'demo' });
    expect(await resolveClientConfig({ dataDir, embedded: { clientId: '' } })).toEqual({ source: 'demo' });

    const embedded = await resolveClientConfig({ dataDir, embedded: { clientId: 'emb.apps', clientSecret: 's' } });
    expect(embedded).toEqual({
      source: 'embedded',
      config: { clientId: 'emb.apps', clientSecret: 's', endpoints: { ...GOOGLE_ENDPOINTS } },
    });

    await importClientSecretsFile(envPath, dataDir);
    const fromData = await resolveClientConfig({ dataDir, embedded: { clientId: 'emb.apps' } });
    expect(fromData.source).toBe('data-folder');

    const otherPath = join(dir, 'other.json');
    await writeFile(otherPath, JSON.stringify(installedFile));
    const fromEnv = await resolveClientConfig({ envClientSecretsPath: otherPath, dataDir });
    expect(fromEnv).toMatchObject({ source: 'env', config: { clientId: '111-abc.apps.googleusercontent.com' } });
  });

  it('does not fall back to the demo when a configured file is broken', async () => {
    const dataDir = join(dir, 'data2');
    const envPath = join(dir, 'broken.json');
    await writeFile(envPath, JSON.stringify({ installed: {} }));
    await expect(resolveClientConfig({ envClientSecretsPath: envPath, dataDir })).rejects.toBeInstanceOf(
      ClientConfigError,
    );
    await import('node:fs/promises').then((fs) => fs.mkdir(dataDir, { recursive: true }));
    await writeFile(join(dataDir, CLIENT_SECRETS_FILE_NAME), 'not json');
    await expect(resolveClientConfig({ dataDir })).rejects.toThrow(/client_secret\.json is not valid JSON/);
  });

  it('imports a valid picked file atomically and leaves no temp file', async () => {
    const dataDir = join(dir, 'import');
    const picked = join(dir, 'client_secret_999.json');
    await writeFile(picked, JSON.stringify(installedFile));
    const config = await importClientSecretsFile(picked, dataDir);
    expect(config.clientId).toBe('111-abc.apps.googleusercontent.com');
    expect(JSON.parse(await readFile(join(dataDir, CLIENT_SECRETS_FILE_NAME), 'utf8'))).toEqual(installedFile);
    expect(await readdir(dataDir)).toEqual([CLIENT_SECRETS_FILE_NAME]);
  });

  it('does not copy an invalid picked file (the previous one stays)', async () => {
    const dataDir = join(dir, 'import2');
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    await writeFile(good, JSON.stringify(installedFile));
    await writeFile(bad, JSON.stringify({ web: { client_secret: 'x' } }));
    await importClientSecretsFile(good, dataDir);
    await expect(importClientSecretsFile(bad, dataDir)).rejects.toThrow(/bad\.json is missing web\.client_id/);
    expect(JSON.parse(await readFile(join(dataDir, CLIENT_SECRETS_FILE_NAME), 'utf8'))).toEqual(installedFile);
  });

  it('builds a config for a Google-compatible server such as the emulator', () => {
    const endpoints = {
      authorize: 'http://127.0.0.1:1/o/oauth2/v2/auth',
      token: 'http://127.0.0.1:1/token',
      revoke: 'http://127.0.0.1:1/revoke',
      tokeninfo: 'http://127.0.0.1:1/tokeninfo',
      userinfo: 'http://127.0.0.1:1/oauth2/v2/userinfo',
    };
    expect(
      clientConfigForServer({ defaultClient: { clientId: 'c', clientSecret: 's' }, endpoints: { ...endpoints } }),
    ).toEqual({
      clientId: 'c',
      clientSecret: 's',
      endpoints,
    });
  });
});
