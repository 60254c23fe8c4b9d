/**
 * Secrets at rest: a whole session on the emulator — sign in through the consent page and the loopback,
 * sync, open a message, archive it, sign out — logged at debug level to the real rotating log file in
 * the data folder. Then every file Glance wrote (settings, accounts, the encrypted mail store and its
 * WAL, logs) is scanned, byte for byte in UTF-8 and UTF-16, for every authorization code, access token,
 * refresh token and id_token the emulator issued, for the account's email, and for a known subject and
 * body: none may be there in plaintext — while the store is open, and after sign-out.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRotatingLogFile } from '../../../electron/core/log-file.js';
import { createLogger, teeSink } from '../../../electron/core/logging.js';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import type { MessagePage } from '../../../electron/shared/ipc-contract.js';
import { signInOnEmulator } from './signed-in-core.js';

const EMAIL = 'alex.plaintext@example.com';
const SUBJECT = 'Quarterly zebra ledger 7731';
const BODY = 'The lighthouse keeper counts 4402 gulls';

let emu: GoogleEmulator;
let dataDir: string;

beforeEach(async () => {
  emu = await startGoogleEmulator({ users: [{ email: EMAIL, name: 'Alex Plaintext', unread: 5, read: 2 }] });
  emu.mailbox(EMAIL).add({
    from: { name: 'Sam', email: 'sam@example.com' },
    to: { name: 'Alex Plaintext', email: EMAIL },
    subject: SUBJECT,
    text: BODY,
    html: `<p>${BODY}</p>`,
  });
  dataDir = await mkdtemp(join(tmpdir(), 'glance-plaintext-'));
});
afterEach(async () => {
  await emu.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Every (file, secret name) where the secret's bytes appear in UTF-8 or UTF-16LE. */
async function plaintextHits(secrets: Record<string, string>): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await filesUnder(dataDir)) {
    const bytes = await readFile(file);
    for (const [name, secret] of Object.entries(secrets)) {
      if (bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le'))) {
        hits.push(`${relative(dataDir, file)}: ${name}`);
      }
    }
  }
  return hits;
}

describe('nothing secret in plaintext on disk', () => {
  it('after sign-in, sync, reading, an action and sign-out', async () => {
    const logFile = openRotatingLogFile({ dir: join(dataDir, 'logs') });
    const logger = createLogger(teeSink('debug', logFile.sink), 'glance');
    const { core, accountIds } = await signInOnEmulator(emu, [EMAIL], { dataDir, logger });
    const accountId = accountIds[0]!;

    const listed = await core.dispatch('messages:list', [{ accountId, scope: 'unread', pageSize: 50 }]);
    expect(listed.ok).toBe(true);
    const page = (listed as { ok: true; value: MessagePage }).value;
    const known = page.messages.find((message) => message.subject === SUBJECT);
    expect(known, 'the known message is listed').toBeDefined();
    const opened = await core.dispatch('message:get', [accountId, known!.id]);
    expect(opened.ok).toBe(true);
    expect(await core.dispatch('messages:modify', [accountId, [known!.id], 'archive'])).toMatchObject({ ok: true });
    expect(await core.dispatch('sync:now', [accountId])).toMatchObject({ ok: true });

    const secrets = (): Record<string, string> => ({
      ...Object.fromEntries(
        emu.issuedSecrets().map((secret, i) => [`issued secret #${i} (${secret.slice(0, 4)}…)`, secret]),
      ),
      'the subject': SUBJECT,
      'the body': BODY,
    });
    expect(emu.issuedSecrets().length).toBeGreaterThanOrEqual(3); // a code, an access token, a refresh token
    const files = (await filesUnder(dataDir)).map((file) => relative(dataDir, file));
    expect(files.some((file) => file.startsWith('logs'))).toBe(true);
    expect(files.length).toBeGreaterThan(2); // settings, accounts, the mail store

    // While signed in: the store holds the mail, encrypted; the log says what happened, without content.
    expect(await plaintextHits(secrets())).toEqual([]);
    // The email: only accounts.json may name it (it lists who is signed in; it holds no token).
    expect((await plaintextHits({ 'the email': EMAIL })).filter((hit) => !hit.startsWith('accounts.json'))).toEqual([]);

    expect(await core.dispatch('auth:signOut', [accountId])).toMatchObject({ ok: true });
    await core.dispose();
    expect(await plaintextHits({ ...secrets(), 'the email': EMAIL })).toEqual([]);
  }, 60_000);
});
