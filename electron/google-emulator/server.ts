/**
 * startGoogleEmulator(): the HTTP server (OAuth + Gmail + batch on one origin), a second server for the
 * remote images/stylesheets generated mail refers to, fault injection, latency, quota and the request log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { apiErrors, defaultFaultBody, envelope } from './api-errors.js';
import {
  BatchFormatError,
  buildBatchResponse,
  MAX_BATCH_PARTS,
  parseBatchRequest,
  type BatchPartResponse,
} from './batch.js';
import { consentOverHttp, googleBrowserOverHttp } from './browser.js';
import { generateMailbox, TINY_PNG } from './generator.js';
import { handleGmail, type GmailContext, type GmailSettings } from './gmail.js';
import { DEFAULT_TEXT_MATCH } from './text-match.js';
import {
  htmlResult,
  isOwnHost,
  jsonResult,
  lowerCaseHeaders,
  notFoundPage,
  readBody,
  type HandlerResult,
  type InternalRequest,
} from './http-util.js';
import { Mailbox } from './mailbox.js';
import { OAuthServer, type OAuthUser } from './oauth.js';
import { QUOTA_REGIMES, RollingQuota } from './quota.js';
import { hash32, numericUserId } from './random.js';
import type {
  EmulatorOptions,
  FaultRule,
  GoogleEmulator,
  MailboxControl,
  OAuthClientSpec,
  RequestKind,
  RequestLogEntry,
  SeedUserSpec,
} from './types.js';

export const DEFAULT_USERS: SeedUserSpec[] = [
  { email: 'alex@example.com', name: 'Alex Rivera', unread: 120, read: 60 },
  { email: 'sam@example.com', name: 'Sam Okafor', unread: 0, read: 10 },
];

export const DEFAULT_CLIENT: OAuthClientSpec = {
  clientId: '1234567890-glancedemo.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-demo-secret',
  type: 'installed',
};

const count = z.number().int().nonnegative();
/** The data parts of EmulatorOptions (functions are checked by TypeScript only). */
const OptionsSchema = z.object({
  host: z.string().optional(),
  port: z.number().int().min(0).max(65535).optional(),
  seed: z.number().int().optional(),
  users: z
    .array(
      z.object({
        email: z.email(),
        name: z.string().min(1),
        id: z.string().regex(/^\d+$/, 'must be digits').optional(),
        unread: count.optional(),
        read: count.optional(),
        picture: z.string().optional(),
      }),
    )
    .min(1, 'give at least one user')
    .refine(
      (users) => new Set(users.map((user) => user.email.toLowerCase())).size === users.length,
      'emails must be unique',
    )
    .optional(),
  clients: z
    .array(
      z
        .object({
          clientId: z.string().min(1),
          clientSecret: z.string().min(1),
          type: z.enum(['installed', 'web']),
          redirectUris: z.array(z.url()).optional(),
          status: z.enum(['production', 'testing', 'deleted']).optional(),
        })
        .refine(
          (client) => client.type === 'installed' || (client.redirectUris?.length ?? 0) > 0,
          'web clients need redirectUris',
        ),
    )
    .min(1, 'give at least one OAuth client')
    .optional(),
  latencyMs: count.optional(),
  accessTokenLifetimeSec: z.number().int().positive().optional(),
  quota: z.union([z.literal(false), z.object({ unitsPerUserPerMinute: z.number().int().positive() })]).optional(),
  quotaRegime: z.enum(['classic', '2026']).optional(),
  refreshTokenOnReconsent: z.enum(['only-with-prompt-consent', 'always']).optional(),
  consentForGrantedScopes: z.enum(['skip', 'always']).optional(),
});

function checkOptions(options: EmulatorOptions): void {
  const result = OptionsSchema.safeParse(options);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `startGoogleEmulator: option ${issue?.path.join('.') || '(options)'}: ${issue?.message ?? 'invalid'}.`,
    );
  }
}

function kindOf(path: string): RequestKind {
  if (path === '/batch' || path.startsWith('/batch/')) return 'batch';
  if (path.startsWith('/gmail/')) return 'gmail';
  return 'oauth';
}

function pathMatches(rule: string | RegExp | undefined, path: string): boolean {
  if (rule === undefined) return true;
  if (typeof rule !== 'string') return rule.test(path);
  return path === rule || path.startsWith(rule.endsWith('/') ? rule : `${rule}/`);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class ResetConnection extends Error {}

async function listen(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function originFor(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startGoogleEmulator(options: EmulatorOptions = {}): Promise<GoogleEmulator> {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? { now: () => Date.now() };
  const seed = options.seed ?? 1;
  const userSpecs = options.users ?? DEFAULT_USERS;
  // Copies: deleteClient() changes a client's status, never the caller's objects or the shared default.
  const clients = (options.clients ?? [DEFAULT_CLIENT]).map((client) => ({ ...client }));
  const defaultClient = clients.find((client) => client.type === 'installed') ?? clients[0] ?? DEFAULT_CLIENT;

  // Remote content: images and stylesheets referenced by generated HTML mail, with every hit logged.
  const remoteHits: Array<{ path: string; at: number }> = [];
  const remoteServer = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://remote.invalid').pathname;
    remoteHits.push({ path, at: clock.now() });
    if (path.endsWith('.css')) {
      response.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end('body { font-family: Georgia, serif; }\nimg { border: 2px solid #c00; }\n');
    } else {
      response.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' });
      response.end(TINY_PNG);
    }
  });
  const remotePort = await listen(remoteServer, host, 0);
  const remoteOrigin = originFor(host, remotePort);

  const server = createServer();
  const port = await listen(server, host, options.port ?? 0);
  const origin = originFor(host, port);

  const users: OAuthUser[] = userSpecs.map((spec) => {
    const id = spec.id ?? numericUserId(spec.email);
    return { id, email: spec.email, name: spec.name, picture: spec.picture ?? `${origin}/avatar/${id}.png` };
  });

  const mailboxes = new Map<string, Mailbox>();
  userSpecs.forEach((spec, index) => {
    const unread = spec.unread ?? 0;
    const read = spec.read ?? 0;
    const baseHistoryId = 100_000 + (hash32(seed, spec.email, 'history') % 50_000) + 2 * (unread + read);
    const generated = generateMailbox({
      seed,
      user: { email: spec.email, name: spec.name },
      unread,
      read,
      withSpecials: index === 0,
      now: clock.now(),
      baseHistoryId,
      remoteOrigin,
    });
    mailboxes.set(
      spec.email.toLowerCase(),
      new Mailbox({ email: spec.email, name: spec.name, seed, baseHistoryId, clock }, generated),
    );
  });

  const oauth = new OAuthServer({
    clients,
    users,
    clock,
    accessTokenLifetimeSec: options.accessTokenLifetimeSec ?? 3599,
    refreshTokenOnReconsent: options.refreshTokenOnReconsent ?? 'only-with-prompt-consent',
    consentForGrantedScopes: options.consentForGrantedScopes ?? 'skip',
    grantScopes: options.grantScopes,
    loopbackRedirectPaths: options.loopbackRedirectPaths ?? 'any',
  });

  const quotaRegime = QUOTA_REGIMES[options.quotaRegime ?? 'classic'];
  const settings: GmailSettings = {
    batchModifyStatus: options.batchModifyStatus ?? 204,
    maxResultsOver500: options.maxResultsOver500 ?? 'clamp',
    rateLimitStatus: options.rateLimitStatus ?? 429,
    retryAfterHeader: options.retryAfterHeader ?? false,
    maxConcurrentPerUser: options.maxConcurrentPerUser,
    latencyMs: options.latencyMs ?? 0,
    textMatch: {
      words: options.searchWords ?? DEFAULT_TEXT_MATCH.words,
      addresses: options.searchAddresses ?? DEFAULT_TEXT_MATCH.addresses,
      accents: options.searchAccents ?? DEFAULT_TEXT_MATCH.accents,
    },
    quotaUnits: quotaRegime.units,
  };
  const quota = new RollingQuota(
    options.quota === false ? false : (options.quota?.unitsPerUserPerMinute ?? quotaRegime.unitsPerUserPerMinute),
  );
  const gmailContext: GmailContext = {
    oauth,
    mailboxFor: (email) => mailboxes.get(email.toLowerCase()),
    clock,
    quota,
    settings,
  };

  const requestLog: RequestLogEntry[] = [];
  const faultRules: Array<FaultRule & { remaining: number }> = [];

  function takeFault(kind: RequestKind, method: string, path: string): FaultRule['fault'] | undefined {
    const index = faultRules.findIndex(
      (rule) =>
        (rule.match.kind === undefined || rule.match.kind === kind) &&
        (rule.match.method === undefined || rule.match.method.toUpperCase() === method) &&
        pathMatches(rule.match.path, path),
    );
    const rule = faultRules[index];
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) faultRules.splice(index, 1);
    return rule.fault;
  }

  function log(entry: RequestLogEntry): void {
    requestLog.push(entry);
    if (options.logRequests)
      console.log(
        `[google-emulator] ${entry.kind} ${entry.method} ${entry.path} → ${entry.status}${entry.user ? ` (${entry.user})` : ''}`,
      );
  }

  function faultResult(fault: Extract<FaultRule['fault'], { type: 'status' }>, kind: RequestKind): HandlerResult {
    const body =
      fault.body ??
      (kind === 'oauth'
        ? { error: 'internal_failure', error_description: 'Backend Error' }
        : defaultFaultBody(fault.status));
    return jsonResult(fault.status, body, fault.headers);
  }

  function malformed(result: HandlerResult): HandlerResult {
    const text = typeof result.body === 'string' ? result.body : result.body.toString('utf8');
    const cut = text.length > 4 ? text.slice(0, Math.floor(text.length / 2)) : '{"';
    return { ...result, status: 200, headers: { 'Content-Type': 'application/json; charset=UTF-8' }, body: cut };
  }

  function routeOAuth(request: InternalRequest): HandlerResult {
    const { method, path } = request;
    if (method === 'GET' && (path === '/o/oauth2/v2/auth' || path === '/o/oauth2/auth'))
      return oauth.authorize(request);
    if (method === 'GET' && path === '/o/oauth2/v2/signin') return oauth.useAnotherAccount(request);
    if (method === 'POST' && path === '/o/oauth2/v2/account') return oauth.chooseAccount(request);
    if (method === 'POST' && path === '/o/oauth2/v2/consent') return oauth.consent(request);
    if ((method === 'GET' || method === 'POST') && path === '/AddSession') return oauth.addSession(request);
    if (method === 'GET' && path === '/ListAccounts') return oauth.listAccounts(request);
    if (method === 'GET' && path === '/Logout') return oauth.logout(request);
    if (method === 'POST' && (path === '/token' || path === '/o/oauth2/token' || path === '/oauth2/v4/token'))
      return oauth.token(request);
    if (method === 'POST' && path === '/revoke') return oauth.revoke(request);
    if ((method === 'POST' || method === 'GET') && (path === '/tokeninfo' || path === '/oauth2/v3/tokeninfo'))
      return oauth.tokeninfo(request);
    if (method === 'GET' && (path === '/oauth2/v2/userinfo' || path === '/oauth2/v1/userinfo'))
      return oauth.userinfoV2(request);
    if (method === 'GET' && (path === '/v1/userinfo' || path === '/oauth2/v3/userinfo'))
      return oauth.userinfoOidc(request);
    if (method === 'GET' && path.startsWith('/avatar/'))
      return { status: 200, headers: { 'Content-Type': 'image/png' }, body: TINY_PNG };
    if (method === 'GET' && path === '/.well-known/openid-configuration') {
      return jsonResult(200, {
        issuer: 'https://accounts.google.com',
        authorization_endpoint: `${origin}/o/oauth2/v2/auth`,
        token_endpoint: `${origin}/token`,
        userinfo_endpoint: `${origin}/v1/userinfo`,
        revocation_endpoint: `${origin}/revoke`,
        response_types_supported: ['code'],
        scopes_supported: ['openid', 'email', 'profile'],
        code_challenge_methods_supported: ['plain', 'S256'],
      });
    }
    if (method === 'GET' && path === '/') {
      return htmlResult(
        200,
        `<!DOCTYPE html><title>Glance test Google</title><h1>Glance test Google — not the real Google</h1><p>Gmail root: ${origin}/</p>`,
      );
    }
    return notFoundPage(path);
  }

  async function handleBatch(request: InternalRequest, socketReset: () => void): Promise<HandlerResult> {
    let parts;
    try {
      parts = parseBatchRequest(request.headers['content-type'] ?? '', request.body);
    } catch (error) {
      if (error instanceof BatchFormatError) return jsonResult(400, apiErrors.invalidArgument(error.message).body);
      throw error;
    }
    if (parts.length === 0)
      return jsonResult(400, apiErrors.invalidArgument('Invalid multipart request with 0 mime parts.').body);
    if (parts.length > MAX_BATCH_PARTS) {
      return jsonResult(
        400,
        apiErrors.invalidArgument(`Exceeded the maximum calls(${MAX_BATCH_PARTS}) in a single batch request.`).body,
      );
    }
    // Outer headers other than Content-* apply to every part; a part's own header wins.
    const inherited = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !name.startsWith('content-') && name !== 'host'),
    );
    const responses: BatchPartResponse[] = [];
    let batchUser: string | undefined;
    for (const part of parts) {
      let result: HandlerResult;
      let partPath = part.target;
      if (!part.target.startsWith('/')) {
        result = jsonResult(
          400,
          envelope(400, 'Batch parts must use a path-only URL, e.g. GET /gmail/v1/users/me/messages/ID.', [
            { message: 'Invalid URL in batch part.', domain: 'global', reason: 'badRequest' },
          ]),
        );
      } else {
        const url = new URL(part.target, origin);
        partPath = url.pathname;
        const internal: InternalRequest = {
          method: part.method,
          path: url.pathname,
          query: url.searchParams,
          headers: { ...inherited, ...part.headers },
          body: part.body,
        };
        const fault = takeFault('batch-part', part.method, url.pathname);
        if (fault?.type === 'reset') {
          socketReset();
          throw new ResetConnection();
        }
        if (fault?.type === 'status') {
          result = faultResult(fault, 'batch-part');
        } else {
          if (fault?.type === 'slow') await delay(fault.ms);
          result = url.pathname.startsWith('/gmail/')
            ? await handleGmail(gmailContext, internal, { applyLatency: false })
            : notFoundPage(url.pathname);
          if (fault?.type === 'malformed') result = malformed(result);
        }
      }
      batchUser ??= result.user;
      log({
        method: part.method,
        path: partPath,
        status: result.status,
        at: clock.now(),
        ...(result.user ? { user: result.user } : {}),
        kind: 'batch-part',
        quotaUnits: result.quotaUnits ?? 0,
      });
      responses.push({
        contentId: part.contentId,
        status: result.status,
        headers:
          result.status === 204
            ? {}
            : { 'Content-Type': result.headers['Content-Type'] ?? 'application/json; charset=UTF-8' },
        body: result.body,
      });
    }
    const built = buildBatchResponse(responses);
    return {
      status: 200,
      headers: { 'Content-Type': built.contentType },
      body: built.body,
      ...(batchUser ? { user: batchUser } : {}),
    };
  }

  async function onRequest(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    // Google's answers are dated by Google's clock: the emulator's, which tests may set apart from the app's.
    response.setHeader('Date', new Date(clock.now()).toUTCString());
    const url = new URL(incoming.url ?? '/', origin);
    const method = (incoming.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const kind = kindOf(path);
    const entry = (status: number, result?: HandlerResult): RequestLogEntry => ({
      method,
      path,
      status,
      at: clock.now(),
      ...(result?.user ? { user: result.user } : {}),
      kind,
      quotaUnits: result?.quotaUnits ?? 0,
    });
    const reset = () => incoming.socket.destroy();
    if (!isOwnHost(incoming.headers.host, host, port)) {
      // Before the body is read or any handler runs: nothing of a session or a mailbox answers a rebinding page.
      log(entry(400));
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      response.end('This server answers only requests addressed to its own address (the Host header).\n');
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(incoming);
    } catch (error) {
      const result = jsonResult(
        413,
        apiErrors.badRequest(error instanceof Error ? error.message : 'Request body could not be read.').body,
      );
      log(entry(413));
      send(response, result);
      return;
    }
    const request: InternalRequest = {
      method,
      path,
      query: url.searchParams,
      headers: lowerCaseHeaders(incoming.headers),
      body,
    };
    const fault = takeFault(kind, method, path);
    if (fault?.type === 'reset') {
      log(entry(0));
      reset();
      return;
    }
    let result: HandlerResult;
    try {
      if (fault?.type === 'status') {
        result = faultResult(fault, kind);
      } else if (kind === 'gmail') {
        result = await handleGmail(gmailContext, request, { applyLatency: true });
      } else {
        if (kind === 'batch' && method !== 'POST') result = notFoundPage(path);
        else result = kind === 'batch' ? await handleBatch(request, reset) : routeOAuth(request);
        // The person's pages (chooser, sign-in, consent, browser sessions) are not API calls: no latency.
        const isPage =
          path.startsWith('/o/oauth2/v2/') ||
          path === '/o/oauth2/auth' ||
          ['/AddSession', '/ListAccounts', '/Logout'].includes(path);
        if (!isPage && settings.latencyMs > 0) await delay(settings.latencyMs);
      }
    } catch (error) {
      if (error instanceof ResetConnection) {
        log(entry(0));
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[google-emulator] internal error on ${method} ${path}: ${message}`);
      result = jsonResult(500, defaultFaultBody(500));
    }
    if (fault?.type === 'malformed') result = malformed(result);
    log(entry(result.status, result));
    if (fault?.type === 'slow') {
      response.writeHead(result.status, result.headers);
      response.flushHeaders();
      await delay(fault.ms);
      if (!response.destroyed) response.end(result.body);
      return;
    }
    send(response, result);
  }

  function send(response: ServerResponse, result: HandlerResult): void {
    if (response.destroyed) return;
    response.writeHead(result.status, result.headers);
    response.end(result.body);
  }

  server.on('request', (incoming: IncomingMessage, response: ServerResponse) => {
    onRequest(incoming, response).catch((error: unknown) => {
      console.error(`[google-emulator] request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) {
        response.writeHead(500, { 'Content-Type': 'application/json; charset=UTF-8' });
        response.end(JSON.stringify(defaultFaultBody(500)));
      }
    });
  });

  function mailboxOrThrow(email: string): Mailbox {
    const mailbox = mailboxes.get(email.toLowerCase());
    if (!mailbox)
      throw new Error(`No mailbox for ${email}: seeded users are ${userSpecs.map((spec) => spec.email).join(', ')}.`);
    return mailbox;
  }

  const endpoints = {
    authorize: `${origin}/o/oauth2/v2/auth`,
    token: `${origin}/token`,
    revoke: `${origin}/revoke`,
    tokeninfo: `${origin}/tokeninfo`,
    userinfo: `${origin}/oauth2/v2/userinfo`,
    gmailRootUrl: `${origin}/`,
    batch: `${origin}/batch/gmail/v1`,
  };

  const emulator: GoogleEmulator = {
    origin,
    endpoints,
    remoteContent: {
      origin: remoteOrigin,
      hits: remoteHits,
      clearHits: () => {
        remoteHits.length = 0;
      },
    },
    defaultClient: { clientId: defaultClient.clientId, clientSecret: defaultClient.clientSecret },
    clientSecretsJson(kind = 'installed') {
      const client = clients.find((candidate) => candidate.type === kind);
      if (!client)
        throw new Error(
          `No ${kind} OAuth client is configured: pass clients: [{ type: '${kind}', … }] to startGoogleEmulator.`,
        );
      return {
        [kind]: {
          client_id: client.clientId,
          project_id: 'glance-emulator',
          auth_uri: endpoints.authorize,
          token_uri: endpoints.token,
          auth_provider_x509_cert_url: `${origin}/oauth2/v1/certs`,
          client_secret: client.clientSecret,
          redirect_uris: kind === 'installed' ? ['http://localhost'] : (client.redirectUris ?? []),
        },
      };
    },
    users: () => users.map((user) => ({ id: user.id, email: user.email, name: user.name })),
    consent: (authUrl, choice) => consentOverHttp(origin, authUrl, choice),
    browser: () => googleBrowserOverHttp(origin),
    mailbox(email): MailboxControl {
      const mailbox = mailboxOrThrow(email);
      const existing = (id: string) => {
        const message = mailbox.get(id);
        if (!message) throw new Error(`No message ${id} in ${email}'s mailbox.`);
        return message;
      };
      return {
        historyId: () => String(mailbox.historyId()),
        list: () => mailbox.all().map((message) => mailbox.snapshot(message)),
        get: (id) => {
          const message = mailbox.get(id);
          return message ? mailbox.snapshot(message) : undefined;
        },
        add: (message) => mailbox.add(message).id,
        modify: (id, add, remove) => {
          existing(id);
          mailbox.modify(id, add, remove);
        },
        remove: (id) => mailbox.remove(id),
        expireHistory: () => mailbox.expireHistory(),
        unreadCount: () =>
          mailbox.all().filter((message) => message.labelIds.includes('UNREAD') && message.labelIds.includes('INBOX'))
            .length,
        labelCounts: (labelId) => mailbox.labelCounts(labelId),
      };
    },
    revokeUser: (email) => oauth.revokeUser(email),
    expireAccessTokens: (email) => oauth.expireAccessTokens(email),
    failAuthorizations: (error, times) => oauth.failAuthorizations(error, times),
    deleteClient: (clientId) => oauth.deleteClient(clientId),
    faults: {
      inject(rule) {
        const stored = { ...rule, remaining: rule.times ?? Number.POSITIVE_INFINITY };
        faultRules.push(stored);
        return () => {
          const index = faultRules.indexOf(stored);
          if (index >= 0) faultRules.splice(index, 1);
        };
      },
      clear: () => {
        faultRules.length = 0;
      },
    },
    setLatency: (ms) => {
      settings.latencyMs = Math.max(0, ms);
    },
    setQuota: (limit) => quota.setLimit(limit === false ? false : limit.unitsPerUserPerMinute),
    requestLog,
    counters() {
      const quotaUnits: Record<string, number> = {};
      let requests = 0;
      let gmailRequests = 0;
      let batchRequests = 0;
      let tokenRequests = 0;
      for (const entry of requestLog) {
        if (entry.kind !== 'batch-part') requests++;
        if (entry.kind === 'gmail' || entry.kind === 'batch-part') gmailRequests++;
        if (entry.kind === 'batch') batchRequests++;
        if (entry.kind === 'oauth' && entry.path === '/token') tokenRequests++;
        if (entry.user && entry.quotaUnits) quotaUnits[entry.user] = (quotaUnits[entry.user] ?? 0) + entry.quotaUnits;
      }
      return { requests, gmailRequests, batchRequests, tokenRequests, quotaUnits };
    },
    resetLog: () => {
      requestLog.length = 0;
    },
    issuedSecrets: () => [...oauth.issued],
    async close() {
      await Promise.all(
        [server, remoteServer].map(
          (each) =>
            new Promise<void>((resolve) => {
              each.close(() => resolve());
              each.closeAllConnections();
            }),
        ),
      );
    },
  };
  return emulator;
}
