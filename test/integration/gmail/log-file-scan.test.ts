/**
 * A session with Google misbehaving, logged to the real rotating log file at debug level: a scan of the file
 * finds no token, authorization code, email address or subject, and does find the error codes and HTTP
 * statuses that explain what happened.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRotatingLogFile } from '../../../electron/core/log-file.js';
import { createLogger, teeSink } from '../../../electron/core/logging.js';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
let logsDir: string;
beforeEach(async () => {
  h = await startHarness({
    emulator: { users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 60, read: 10 }] },
  });
  logsDir = mkdtempSync(join(tmpdir(), 'glance-logs-'));
});
afterEach(async () => {
  await h.close();
  rmSync(logsDir, { recursive: true, force: true });
});

describe('the log file after a session', () => {
  it('holds no token, email or subject, and does hold error codes and statuses', async () => {
    const file = openRotatingLogFile({ dir: logsDir });
    const logger = createLogger(teeSink('debug', file.sink), 'glance');
    const mail = h.service({ logger });
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread' });
    await mail.get(h.accountId, page.messages[0]!.id);
    await mail
      .list({ accountId: h.accountId, scope: 'all', query: `from:${page.messages[1]!.from}` })
      .catch(() => null);
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/history$/ },
      fault: { type: 'status', status: 503 },
      times: 1,
    });
    h.emu.faults.inject({ match: { kind: 'gmail', path: /\/history$/ }, fault: { type: 'reset' }, times: 1 });
    h.emu.faults.inject({
      match: { kind: 'gmail', path: /\/history$/ },
      fault: {
        type: 'status',
        status: 429,
        body: { error: { code: 429, message: `Retry after ${new Date(Date.now() + 10).toISOString()}` } },
      },
      times: 1,
    });
    await mail.syncNow(h.accountId);
    h.emu.expireAccessTokens(h.email);
    await mail.syncNow(h.accountId);
    // A careless caller: an error that quotes a message's headers and its sender.
    const quoted = h.emu.mailbox(h.email).list()[0]!;
    logger.error('could not show a message', {
      error: new Error(`unreadable part in "${quoted.from}"\nSubject: ${quoted.subject}`),
    });
    await mail.dispose();

    const text = readFileSync(file.path, 'utf8');
    expect(text.length).toBeGreaterThan(0);
    for (const secret of h.emu.issuedSecrets()) expect(text).not.toContain(secret);
    expect(text).not.toContain(h.email);
    for (const message of h.emu.mailbox(h.email).list()) {
      if (message.subject.length >= 6) expect(text, message.subject).not.toContain(message.subject);
      const address = /<([^>]+)>/.exec(message.from)?.[1];
      if (address) expect(text).not.toContain(address);
    }
    expect(text).toContain('status=503');
    expect(text).toContain('code=ECONNRESET');
    expect(text).toContain('status=429');
  });
});
