/** Shared set-up for the emulator's integration tests: real google-auth-library and @googleapis/gmail clients. */
import { CodeChallengeMethod, OAuth2Client, type Credentials } from 'google-auth-library';
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import type { GoogleEmulator } from '../../../electron/google-emulator/index.js';

export const GMAIL_MODIFY = 'https://www.googleapis.com/auth/gmail.modify';
export const GMAIL_READONLY = 'https://www.googleapis.com/auth/gmail.readonly';
export const GMAIL_METADATA = 'https://www.googleapis.com/auth/gmail.metadata';
export const REDIRECT_URI = 'http://127.0.0.1:49152/oauth2callback';

export function oauthClient(
  emulator: GoogleEmulator,
  options: { redirectUri?: string; clientId?: string; clientSecret?: string; forceRefreshOnFailure?: boolean } = {},
): OAuth2Client {
  return new OAuth2Client({
    clientId: options.clientId ?? emulator.defaultClient.clientId,
    clientSecret: options.clientSecret ?? emulator.defaultClient.clientSecret,
    redirectUri: options.redirectUri ?? REDIRECT_URI,
    ...(options.forceRefreshOnFailure ? { forceRefreshOnFailure: true } : {}),
    endpoints: {
      oauth2AuthBaseUrl: emulator.endpoints.authorize,
      oauth2TokenUrl: emulator.endpoints.token,
      oauth2RevokeUrl: emulator.endpoints.revoke,
      tokenInfoUrl: emulator.endpoints.tokeninfo,
    },
  });
}

export interface SignedIn {
  client: OAuth2Client;
  gmail: gmail_v1.Gmail;
  tokens: Credentials;
  redirect: URL;
}

/** Full PKCE sign-in through the consent page; returns a client holding the tokens. */
export async function signIn(
  emulator: GoogleEmulator,
  options: {
    scopes?: string[];
    email?: string;
    grantScopes?: string[];
    prompt?: string;
    forceRefreshOnFailure?: boolean;
  } = {},
): Promise<SignedIn> {
  const client = oauthClient(emulator, { forceRefreshOnFailure: options.forceRefreshOnFailure ?? false });
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const authUrl = client.generateAuthUrl({
    access_type: 'offline',
    scope: options.scopes ?? ['openid', 'email', 'profile', GMAIL_MODIFY],
    state: 'state-123',
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
    ...(options.email ? { login_hint: options.email } : {}),
    ...(options.prompt ? { prompt: options.prompt } : {}),
  });
  const redirect = new URL(
    await emulator.consent(authUrl, {
      ...(options.email ? { email: options.email } : {}),
      ...(options.grantScopes ? { grantScopes: options.grantScopes } : {}),
    }),
  );
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`No code in the redirect: ${redirect.search}`);
  const { tokens } = await client.getToken({ code, codeVerifier });
  client.setCredentials(tokens);
  return {
    client,
    gmail: gmail({ version: 'v1', auth: client, rootUrl: emulator.endpoints.gmailRootUrl }),
    tokens,
    redirect,
  };
}

/** Raw fetch against the emulator with a bearer token. */
export async function authedFetch(url: string, token: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) },
  });
}

export function statusOf(error: unknown): number | undefined {
  return (
    (error as { status?: number; response?: { status?: number } }).response?.status ??
    (error as { status?: number }).status
  );
}

export function dataOf(error: unknown): unknown {
  return (error as { response?: { data?: unknown } }).response?.data;
}

export interface BatchPart {
  id?: string;
  method?: string;
  path: string;
  body?: unknown;
}

/** A multipart/mixed batch body as Google documents it. */
export function batchBody(parts: BatchPart[], boundary: string): string {
  return (
    parts
      .map((part) => {
        const lines = [
          `--${boundary}`,
          'Content-Type: application/http',
          'Content-Transfer-Encoding: binary',
          ...(part.id ? [`Content-ID: <${part.id}>`] : []),
          '',
          `${part.method ?? 'GET'} ${part.path} HTTP/1.1`,
        ];
        if (part.body !== undefined) lines.push('Content-Type: application/json', '', JSON.stringify(part.body));
        else lines.push('');
        return `${lines.join('\r\n')}\r\n`;
      })
      .join('') + `--${boundary}--\r\n`
  );
}

export interface ParsedPart {
  contentId: string | undefined;
  status: number;
  body: string;
}

export function parseBatchResponse(contentType: string, text: string): ParsedPart[] {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1] ?? '';
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((section) => {
      const [mimeHeaders = '', httpPart = ''] = section.split(/\r\n\r\n(?=HTTP\/1\.1)/);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(httpPart)?.[1]);
      const body = httpPart.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/\r\n$/, '');
      return { contentId: /Content-ID: <([^>]+)>/.exec(mimeHeaders)?.[1], status, body };
    });
}
