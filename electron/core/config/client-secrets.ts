/**
 * The app's Google OAuth client (the seed's client_secrets.json), from wherever it is configured:
 * `GLANCE_CLIENT_SECRETS` (a path) → `<dataDir>/client_secret.json` → a client embedded at build time →
 * the demo mailbox. Both shapes Google's console downloads are accepted: `installed` (Desktop app, the
 * one Glance is meant for) and `web`.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { ClientConfigError } from '../errors.js';
import { writeFileAtomic } from '../storage/atomic-file.js';

export interface OAuthEndpoints {
  authorize: string;
  token: string;
  revoke: string;
  userinfo: string;
  tokeninfo: string;
}

export interface OAuthClientConfig {
  clientId: string;
  /** Desktop clients are public: Google ships a secret but does not treat it as one (RFC 8252 §8.5). */
  clientSecret?: string;
  endpoints: OAuthEndpoints;
  /**
   * Only for `web` clients, which Google holds to their registered redirect URIs: the loopback URI
   * (with its fixed port and path) the sign-in listener must use. Desktop clients leave it unset and
   * get a random port and path per sign-in.
   */
  fixedRedirectUri?: string;
}

export type ClientConfigSource = 'env' | 'data-folder' | 'embedded';
export type ResolvedClientConfig = { source: ClientConfigSource; config: OAuthClientConfig } | { source: 'demo' };

export const GOOGLE_ENDPOINTS: Readonly<OAuthEndpoints> = Object.freeze({
  authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  revoke: 'https://oauth2.googleapis.com/revoke',
  userinfo: 'https://www.googleapis.com/oauth2/v2/userinfo',
  tokeninfo: 'https://oauth2.googleapis.com/tokeninfo',
});

export const CLIENT_SECRETS_FILE_NAME = 'client_secret.json';

const GOOGLE_HOSTS = new Set(['accounts.google.com', 'oauth2.googleapis.com', 'www.googleapis.com']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const REDOWNLOAD_HINT = 'download the JSON again from Google Cloud Console → APIs & Services → Credentials';

const nonEmpty = z.string().trim().min(1);
const clientSection = z.object({
  client_id: nonEmpty,
  client_secret: nonEmpty.optional(),
  auth_uri: nonEmpty.optional(),
  token_uri: nonEmpty.optional(),
  revoke_uri: nonEmpty.optional(),
  redirect_uris: z.array(z.string()).optional(),
  project_id: z.string().optional(),
});
type ClientSection = z.infer<typeof clientSection>;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Validates a parsed client secrets JSON and turns it into Glance's client config.
 * `fileLabel` names the file in error messages (a file name, not a full path).
 */
export function parseClientSecrets(json: unknown, fileLabel = CLIENT_SECRETS_FILE_NAME): OAuthClientConfig {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ClientConfigError(
      `${fileLabel} is not a Google client secrets file (expected a JSON object) — ${REDOWNLOAD_HINT}.`,
      { reason: 'not-an-object', file: fileLabel },
    );
  }
  const record = json as Record<string, unknown>;
  const kind = 'installed' in record ? 'installed' : 'web' in record ? 'web' : null;
  if (kind === null) {
    throw new ClientConfigError(
      `${fileLabel} has neither an “installed” nor a “web” section — ${REDOWNLOAD_HINT} (choose an OAuth client of type “Desktop app”).`,
      { reason: 'no-client-section', field: 'installed', file: fileLabel },
    );
  }
  const parsed = clientSection.safeParse(record[kind]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const fieldPath = [kind, ...(issue?.path ?? [])];
    const field = fieldPath.map(String).join('.');
    const missing = valueAt(record, fieldPath) === undefined || valueAt(record, fieldPath) === '';
    throw new ClientConfigError(
      missing
        ? `${fileLabel} is missing ${field} — ${REDOWNLOAD_HINT}.`
        : `${fileLabel} has an invalid ${field} — ${REDOWNLOAD_HINT}.`,
      { reason: missing ? 'missing-field' : 'invalid-field', field, file: fileLabel },
    );
  }
  return toClientConfig(kind, parsed.data, fileLabel);
}

function checkedUrl(value: string, field: string, fileLabel: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ClientConfigError(`${fileLabel} has an invalid ${field} (not a URL) — ${REDOWNLOAD_HINT}.`, {
      reason: 'not-a-url',
      field,
      file: fileLabel,
    });
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  // Tokens travel to these URLs: only TLS, or this machine (the emulator).
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ClientConfigError(
      `${fileLabel} has an invalid ${field} (it must be an https:// address) — ${REDOWNLOAD_HINT}.`,
      { reason: 'not-https', field, file: fileLabel },
    );
  }
  return url;
}

function toClientConfig(kind: 'installed' | 'web', section: ClientSection, fileLabel: string): OAuthClientConfig {
  const tokenUrl = section.token_uri ? checkedUrl(section.token_uri, `${kind}.token_uri`, fileLabel) : null;
  const authUrl = section.auth_uri ? checkedUrl(section.auth_uri, `${kind}.auth_uri`, fileLabel) : null;
  const revokeUrl = section.revoke_uri ? checkedUrl(section.revoke_uri, `${kind}.revoke_uri`, fileLabel) : null;

  let endpoints: OAuthEndpoints;
  if ((!tokenUrl || GOOGLE_HOSTS.has(tokenUrl.hostname)) && (!authUrl || GOOGLE_HOSTS.has(authUrl.hostname))) {
    // Google's files name the v1 auth endpoint and leave out revoke/userinfo; use the current ones.
    endpoints = { ...GOOGLE_ENDPOINTS };
  } else {
    if (!tokenUrl || !authUrl) {
      const field = tokenUrl ? `${kind}.auth_uri` : `${kind}.token_uri`;
      throw new ClientConfigError(
        `${fileLabel} is missing ${field} (needed for a non-Google server) — ${REDOWNLOAD_HINT}.`,
        { reason: 'missing-field', field, file: fileLabel },
      );
    }
    // A Google-compatible server on another origin: only the Glance emulator on this machine. A file that
    // sends the person to Google's real consent page but their tokens to some other host is an attack.
    for (const [url, field] of [
      [tokenUrl, 'token_uri'],
      [authUrl, 'auth_uri'],
      [revokeUrl, 'revoke_uri'],
    ] as const) {
      if (url && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
        throw new ClientConfigError(
          `${fileLabel} sends sign-in to a server that is not Google (${kind}.${field}: ${url.host}) — ${REDOWNLOAD_HINT}.`,
          { reason: 'not-google', field: `${kind}.${field}`, file: fileLabel },
        );
      }
    }
    const origin = tokenUrl.origin;
    endpoints = {
      authorize: authUrl.toString(),
      token: tokenUrl.toString(),
      revoke: revokeUrl ? revokeUrl.toString() : `${origin}/revoke`,
      userinfo: `${origin}/oauth2/v2/userinfo`,
      tokeninfo: `${origin}/tokeninfo`,
    };
  }

  const config: OAuthClientConfig = { clientId: section.client_id.trim(), endpoints };
  if (section.client_secret) config.clientSecret = section.client_secret.trim();
  if (kind === 'web') config.fixedRedirectUri = pickLoopbackRedirect(section.redirect_uris ?? [], fileLabel);
  return config;
}

/** A web client can only redirect to a registered URI, so one of them must be a loopback address with a port. */
function pickLoopbackRedirect(redirectUris: string[], fileLabel: string): string {
  for (const candidate of redirectUris) {
    try {
      const url = new URL(candidate);
      if (
        url.protocol === 'http:' &&
        (url.hostname === '127.0.0.1' || url.hostname === 'localhost') &&
        url.port !== ''
      ) {
        // Google compares redirect URIs exactly: send the registered one as written (no added slash).
        return candidate;
      }
    } catch {
      // Not a URL: try the next one.
    }
  }
  throw new ClientConfigError(
    `${fileLabel} is a “web” client without a loopback redirect URI (like http://127.0.0.1:8400/callback) in web.redirect_uris — ` +
      'add one in Google Cloud Console → APIs & Services → Credentials, or create an OAuth client of type “Desktop app” and download its JSON.',
    { reason: 'web-client', field: 'web.redirect_uris', file: fileLabel },
  );
}

/** Reads and validates a client secrets file. Every failure is a ClientConfigError saying what to do. */
export async function readClientSecretsFile(path: string): Promise<OAuthClientConfig> {
  const label = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const [reason, words] =
      code === 'ENOENT'
        ? (['file-missing', 'does not exist'] as const)
        : code === 'EACCES'
          ? (['permission-denied', 'cannot be read (permission denied)'] as const)
          : (['unreadable', 'cannot be read'] as const);
    throw new ClientConfigError(`${label} ${words} — check the path, or ${REDOWNLOAD_HINT}.`, {
      reason,
      file: label,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ClientConfigError(`${label} is not valid JSON — ${REDOWNLOAD_HINT}.`, {
      reason: 'not-json',
      file: label,
    });
  }
  return parseClientSecrets(json, label);
}

export interface ResolveClientConfigOptions {
  /** The value of `GLANCE_CLIENT_SECRETS`, read once at start-up by the caller. */
  envClientSecretsPath?: string | undefined;
  dataDir: string;
  /** A client a distributor embeds at build time. */
  embedded?: { clientId: string; clientSecret?: string } | undefined;
}

/**
 * Picks the OAuth client in Glance's order. A configured but broken file is an error (ClientConfigError),
 * not a silent fall-back to the demo: the person meant to use their own client.
 */
export async function resolveClientConfig(options: ResolveClientConfigOptions): Promise<ResolvedClientConfig> {
  const envPath = options.envClientSecretsPath?.trim();
  if (envPath) return { source: 'env', config: await readClientSecretsFile(envPath) };

  const dataFolderPath = join(options.dataDir, CLIENT_SECRETS_FILE_NAME);
  try {
    await readFile(dataFolderPath);
    return { source: 'data-folder', config: await readClientSecretsFile(dataFolderPath) };
  } catch (error) {
    if (error instanceof ClientConfigError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }

  const embedded = options.embedded;
  if (embedded && embedded.clientId.trim() !== '') {
    const config: OAuthClientConfig = { clientId: embedded.clientId.trim(), endpoints: { ...GOOGLE_ENDPOINTS } };
    if (embedded.clientSecret) config.clientSecret = embedded.clientSecret;
    return { source: 'embedded', config };
  }
  return { source: 'demo' };
}

/**
 * "Use my Google client…": validates the file the person picked, then copies it atomically to
 * `<dataDir>/client_secret.json`, where the next start-up finds it. Returns the validated config.
 */
export async function importClientSecretsFile(pickedPath: string, dataDir: string): Promise<OAuthClientConfig> {
  const config = await readClientSecretsFile(pickedPath);
  const contents = await readFile(pickedPath);
  await writeFileAtomic(join(dataDir, CLIENT_SECRETS_FILE_NAME), contents);
  return config;
}

/** The client config for a Google-compatible server that is not Google (the emulator in demo mode and tests). */
export function clientConfigForServer(server: {
  defaultClient: { clientId: string; clientSecret: string };
  endpoints: OAuthEndpoints;
}): OAuthClientConfig {
  const { authorize, token, revoke, userinfo, tokeninfo } = server.endpoints;
  return {
    clientId: server.defaultClient.clientId,
    clientSecret: server.defaultClient.clientSecret,
    endpoints: { authorize, token, revoke, userinfo, tokeninfo },
  };
}
