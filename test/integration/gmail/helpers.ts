/**
 * Test fixtures for the mail layer against the Google emulator: a signed-in OAuth2Client (real consent +
 * code exchange with PKCE), a MailService wired to it, and the server's truth for comparisons.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeChallengeMethod, type OAuth2Client } from 'google-auth-library';
import { createOAuthClient } from '../../../electron/core/auth/oauth-client.js';
import {
  startGoogleEmulator,
  type EmulatorOptions,
  type GoogleEmulator,
} from '../../../electron/google-emulator/index.js';
import { NeedsSignInError } from '../../../electron/core/errors.js';
import { MailService, type MailServiceOptions } from '../../../electron/core/gmail/mail-service.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import type { SecretStore, Timers } from '../../../electron/core/ports.js';
import {
  DEFAULT_SETTINGS,
  type EventName,
  type MailboxChange,
  type Settings,
} from '../../../electron/shared/ipc-contract.js';
import { testSecretStore } from '../../unit/core/cache/helpers.js';

export const SCOPES = ['openid', 'email', 'profile', 'https://www.googleapis.com/auth/gmail.modify'];

/** Signs `email` in on the emulator the way Glance does (PKCE S256, offline) and returns the authorized client. */
export async function signedInClient(emu: GoogleEmulator, email: string): Promise<OAuth2Client> {
  const redirectUri = 'http://127.0.0.1:53682/callback';
  // The app's own client factory, so its refresh settings are what these tests exercise.
  const client = createOAuthClient(
    { clientId: emu.defaultClient.clientId, clientSecret: emu.defaultClient.clientSecret, endpoints: emu.endpoints },
    redirectUri,
  );
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const authUrl = client.generateAuthUrl({
    access_type: 'offline',
    scope: SCOPES,
    state: 'integration-test-state',
    login_hint: email,
    code_challenge: codeChallenge!,
    code_challenge_method: CodeChallengeMethod.S256,
  });
  const location = new URL(await emu.consent(authUrl, { email }));
  const code = location.searchParams.get('code');
  if (!code) throw new Error('the emulator did not return a code');
  const { tokens } = await client.getToken({ code, codeVerifier, redirect_uri: redirectUri });
  client.setCredentials(tokens);
  return client;
}

export interface HarnessAccount {
  email: string;
  accountId: string;
  client: OAuth2Client;
}

export interface Harness {
  emu: GoogleEmulator;
  /** The first account's. */
  email: string;
  accountId: string;
  client: OAuth2Client;
  /** Every signed-in account, in the order given; what the unified view covers. */
  accounts: HarnessAccount[];
  dataDir: string;
  secretStore: SecretStore & { entries: Map<string, string> };
  events: Array<{ event: EventName; payload: unknown }>;
  /** Every MailboxChange published so far (all accounts), in order. */
  changes(accountId?: string): MailboxChange[];
  authFailures: unknown[];
  logger: ReturnType<typeof memoryLogger>;
  settings: Settings;
  /** A MailService on this harness' folder and keychain (call again to simulate an app restart). */
  service(overrides?: Partial<MailServiceOptions>): MailService;
  close(): Promise<void>;
}

export async function startHarness(
  options: { emulator?: EmulatorOptions; email?: string; emails?: string[] } = {},
): Promise<Harness> {
  const email = options.email ?? options.emails?.[0] ?? 'alex@example.com';
  const emu = await startGoogleEmulator(
    options.emulator ?? { users: [{ email, name: 'Alex Rivera', unread: 120, read: 60 }] },
  );
  const accounts: HarnessAccount[] = [];
  for (const address of options.emails ?? [email]) {
    accounts.push({
      email: address,
      accountId: emu.users().find((u) => u.email === address)!.id,
      client: await signedInClient(emu, address),
    });
  }
  const { client, accountId } = accounts[0]!;
  const dataDir = await mkdtemp(join(tmpdir(), 'glance-mail-'));
  const secretStore = testSecretStore();
  const events: Harness['events'] = [];
  const authFailures: unknown[] = [];
  const logger = memoryLogger('mail');
  const settings: Settings = { ...DEFAULT_SETTINGS, markReadOnOpen: false, pollSeconds: 3600 };
  const services: MailService[] = [];
  const harness: Harness = {
    emu,
    email,
    accountId,
    client,
    accounts,
    dataDir,
    secretStore,
    events,
    changes: (id) =>
      events
        .filter((e) => e.event === 'mailbox:changed')
        .map((e) => e.payload as MailboxChange)
        .filter((change) => id === undefined || change.accountId === id),
    authFailures,
    logger,
    settings,
    service(overrides = {}) {
      const service = new MailService({
        auth: {
          getClient: (id) => accounts.find((a) => a.accountId === id)!.client,
          reportAuthFailure: (id, error) => {
            authFailures.push(error);
            return new NeedsSignInError(id);
          },
          accountIds: () => accounts.map((a) => a.accountId),
        },
        gmailRootUrl: emu.endpoints.gmailRootUrl,
        paths: { dataDir },
        secretStore,
        clock: { now: () => Date.now() },
        logger,
        onChange: (change) => void events.push({ event: 'mailbox:changed', payload: change }),
        pollSeconds: () => settings.pollSeconds,
        // Retries without real waiting; polls never fire on their own during a test (pollSeconds 3600).
        backoff: { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 6, maxRateLimitWaitMs: 5000 },
        wakeDebounceMs: 0,
        saveDelayMs: 0,
        // Off, so tests that count requests see only what they asked for; fetch-ahead tests turn it on.
        fetchAhead: { pages: 0, reserveShare: 0 },
        ...overrides,
      });
      services.push(service);
      return service;
    },
    async close() {
      await Promise.all(services.map((s) => s.dispose()));
      await emu.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The server's truth: INBOX ∩ UNREAD ids, newest first (ties by id, as Gmail lists them). */
export function unreadTruth(emu: GoogleEmulator, email: string): string[] {
  return emu
    .mailbox(email)
    .list()
    .filter((m) => m.labelIds.includes('INBOX') && m.labelIds.includes('UNREAD'))
    .sort((a, b) => Number(b.internalDate) - Number(a.internalDate) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((m) => m.id);
}

/** Every page of the unread list, as the renderer would scroll through it. */
export async function listAllUnread(service: MailService, accountId: string, pageSize?: number): Promise<string[]> {
  const ids: string[] = [];
  let pageToken: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await service.list({ accountId, scope: 'unread', pageToken, ...(pageSize ? { pageSize } : {}) });
    ids.push(...page.messages.map((m) => m.id));
    pageToken = page.nextPageToken;
    if (!pageToken) return ids;
  }
  throw new Error('the unread list never ended');
}

/** Gmail requests in the emulator's log, by what they were (query strings are not logged). */
export function gmailCalls(emu: GoogleEmulator): {
  list: number;
  batch: number;
  batchParts: number;
  history: number;
  profile: number;
  labels: number;
  get: number;
  other: string[];
  units: number;
} {
  const calls = {
    list: 0,
    batch: 0,
    batchParts: 0,
    history: 0,
    profile: 0,
    labels: 0,
    get: 0,
    other: [] as string[],
    units: 0,
  };
  for (const entry of emu.requestLog) {
    calls.units += entry.quotaUnits ?? 0;
    if (entry.kind === 'batch') calls.batch += 1;
    else if (entry.kind === 'batch-part') calls.batchParts += 1;
    else if (entry.kind !== 'gmail') continue;
    else if (/\/messages$/.test(entry.path)) calls.list += 1;
    else if (/\/history$/.test(entry.path)) calls.history += 1;
    else if (/\/profile$/.test(entry.path)) calls.profile += 1;
    else if (/\/labels\/[^/]+$/.test(entry.path)) calls.labels += 1;
    else if (/\/messages\/[^/]+$/.test(entry.path) && !entry.path.endsWith('/batchModify')) calls.get += 1;
    else calls.other.push(`${entry.method} ${entry.path}`);
  }
  return calls;
}

/** Timers a test fires by hand: back-off, quota and poll waits are checked by their length, never waited for. */
export class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  schedule(callback: () => void, ms: number): () => void {
    const handle = this.next++;
    this.pending.set(handle, { callback, ms });
    return () => this.pending.delete(handle);
  }
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.ms).sort((a, b) => a - b);
  }
  /** Runs every timer due within `ms` (those scheduled by the callbacks wait for the next call). */
  fire(ms = Infinity): number {
    const due = [...this.pending].filter(([, t]) => t.ms <= ms);
    for (const [handle, timer] of due) {
      this.pending.delete(handle);
      timer.callback();
    }
    return due.length;
  }
}

/** Waits for a state (real HTTP to the emulator is in between), bounded so a bug fails instead of hanging. */
export async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!condition()) throw new Error(`${what} never became true`);
}
