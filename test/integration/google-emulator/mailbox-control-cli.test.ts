// MailboxControl (changes "elsewhere"), determinism across emulators, and the `npm run emulator` CLI.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { signIn, type SignedIn } from './helpers.js';

describe('MailboxControl', () => {
  let emulator: GoogleEmulator;
  let alex: SignedIn;
  beforeAll(async () => {
    emulator = await startGoogleEmulator({
      users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 12, read: 3 }],
    });
    alex = await signIn(emulator);
  });
  afterAll(() => emulator.close());

  it('add() delivers a new unread message with attachments that the API serves, newest first', async () => {
    const mailbox = emulator.mailbox('alex@example.com');
    const before = mailbox.unreadCount();
    const id = mailbox.add({
      from: { name: 'Dana Kim', email: 'dana@contoso.example' },
      subject: 'Quarterly numbers',
      text: 'See the attached sheet.',
      html: '<p>See the <b>attached</b> sheet.</p>',
      attachments: [{ filename: 'numbers.csv', mimeType: 'text/csv', content: 'a,b\n1,2\n' }],
    });
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(mailbox.unreadCount()).toBe(before + 1);
    expect(mailbox.list()[0]).toMatchObject({
      id,
      subject: 'Quarterly numbers',
      from: 'Dana Kim <dana@contoso.example>',
      labelIds: ['INBOX', 'UNREAD'],
    });
    const { data } = await alex.gmail.users.messages.get({ userId: 'me', id });
    expect(data.snippet).toBe('See the attached sheet.');
    const attachment = data.payload?.parts?.find((part) => part.filename === 'numbers.csv');
    const body = await alex.gmail.users.messages.attachments.get({
      userId: 'me',
      messageId: id,
      id: attachment?.body?.attachmentId ?? '',
    });
    expect(Buffer.from(body.data.data ?? '', 'base64url').toString()).toBe('a,b\n1,2\n');
    const search = await alex.gmail.users.messages.list({ userId: 'me', q: 'from:dana has:attachment is:unread' });
    expect(search.data.messages?.map((message) => message.id)).toEqual([id]);
  });

  it('modify() and remove() change what the API sees and bump historyId', async () => {
    const mailbox = emulator.mailbox('alex@example.com');
    const [first, second] = mailbox.list();
    const start = mailbox.historyId();
    mailbox.modify(first?.id ?? '', [], ['UNREAD']);
    expect(mailbox.get(first?.id ?? '')?.labelIds).not.toContain('UNREAD');
    mailbox.remove(second?.id ?? '');
    expect(mailbox.get(second?.id ?? '')).toBeUndefined();
    expect(Number(mailbox.historyId())).toBeGreaterThan(Number(start));
    const gone = await alex.gmail.users.messages
      .get({ userId: 'me', id: second?.id ?? '' })
      .catch((error: unknown) => error);
    expect((gone as { status?: number }).status).toBe(404);
    expect(() => mailbox.modify('ffffffffffffffff', ['STARRED'], [])).toThrow(/No message ffffffffffffffff/);
    expect(() => emulator.mailbox('nobody@example.com')).toThrow(/alex@example.com/);
  });

  it('the same seed gives the same mailbox in another emulator; another seed does not', async () => {
    const twin = await startGoogleEmulator({
      users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 12, read: 3 }],
    });
    const other = await startGoogleEmulator({
      seed: 2,
      users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 12, read: 3 }],
    });
    try {
      const subjects = (emulatorUnderTest: GoogleEmulator) =>
        emulatorUnderTest
          .mailbox('alex@example.com')
          .list()
          .slice(-8)
          .map((message) => message.subject);
      expect(subjects(twin)).toEqual(subjects(emulator));
      expect(subjects(other)).not.toEqual(subjects(emulator));
      expect(twin.users()).toEqual(emulator.users());
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });
});

describe('npm run emulator (cli.ts)', () => {
  it('prints the endpoints, writes a usable client secrets file, and stops on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/google-emulator/cli.ts', '--unread', '3', '--seed', '9'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8');
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('Ctrl-C stops')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the CLI exited early (${String(code)}): ${output}`)));
    });
    await ready;
    const secretsPath = /client secrets:\s+(\S+)/.exec(output)?.[1] ?? '';
    const secrets = JSON.parse(readFileSync(secretsPath, 'utf8')) as {
      installed: { token_uri: string; auth_uri: string; client_id: string };
    };
    expect(output).toContain(`GLANCE_CLIENT_SECRETS=${secretsPath} npm start`);
    expect(secrets.installed.auth_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth$/);
    const token = await fetch(secrets.installed.token_uri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `client_id=${secrets.installed.client_id}&client_secret=x&grant_type=refresh_token&refresh_token=1//x`,
    });
    expect(token.status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses a bad flag value with a usage line', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/google-emulator/cli.ts', '--latency', 'fast'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (errors += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(errors).toContain('--latency must be a whole number');
    expect(errors).toContain('Usage: npm run emulator');
  });

  it('refuses a --consent value other than skip or always', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/google-emulator/cli.ts', '--consent', 'never'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let errors = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (errors += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(errors).toContain('--consent must be skip or always (got "never")');
    expect(errors).toContain('[--consent skip|always]');
  });

  it('refuses a --quota value other than classic or 2026', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/google-emulator/cli.ts', '--quota', '2025'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (errors += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(errors).toContain('--quota must be classic or 2026 (got "2025")');
    expect(errors).toContain('[--quota classic|2026]');
  });
});
