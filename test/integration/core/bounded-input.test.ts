/**
 * Bounded input through GlanceCore's IPC dispatch, against the emulator: what the renderer receives for a
 * 2 MB subject and for a 50 MB message, and attachments saved by the main process from the message itself
 * (the renderer names only the part) to the file a fake save dialog chose. Messages are parsed as in the app:
 * on the parse worker (built as the app builds it), never on the thread that answers IPC.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { GlanceCore, GlanceCoreOptions } from '../../../electron/core/app-core.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { createWorkerMessageParser, type WorkerMessageParser } from '../../../electron/core/message/worker-parser.js';
import { startGoogleEmulator } from '../../../electron/google-emulator/index.js';
import { buildRawMessage } from '../../../electron/google-emulator/mime.js';
import { LIST_SUBJECT_MAX_CHARS, READER_SUBJECT_MAX_CHARS } from '../../../electron/shared/input-limits.js';
import type { MessageContent, MessagePage } from '../../../electron/shared/ipc-contract.js';
import { longestBlock } from '../message/event-loop.js';
import { builtMessageWorker } from '../message/worker-bundle.js';
import { heldByEachTest, signInOnEmulator } from './signed-in-core.js';

const EMAIL = 'alex@example.com';
const held = heldByEachTest();
const folder = held.folder;

async function signedIn(extra: Partial<GlanceCoreOptions> = {}) {
  const emulator = (held.emulator = await startGoogleEmulator({
    users: [{ email: EMAIL, name: 'Alex Rivera', unread: 3 }],
  }));
  // Closed with the core (held.core.dispose()).
  const parser = createWorkerMessageParser({ workerPath: await builtMessageWorker() });
  const result = await signInOnEmulator(emulator, [EMAIL], {
    dataDir: await folder('glance-bounded-'),
    messageParser: parser,
    ...extra,
  });
  held.core = result.core;
  return { core: result.core, accountId: result.accountIds[0]!, mailbox: emulator.mailbox(EMAIL), parser };
}

const onWorkerThreadsOnly = (parser: WorkerMessageParser) => {
  expect(parser.stats.parsedOnThreads.size).toBeGreaterThan(0);
  expect(parser.stats.parsedOnThreads.has(threadId)).toBe(false);
};

async function get(target: GlanceCore, accountId: string, id: string, whole?: boolean) {
  const result = await target.dispatch('message:get', whole ? [accountId, id, { whole }] : [accountId, id]);
  if (!result.ok) throw new Error(`message:get failed: ${result.error.message}`);
  return { content: result.value as MessageContent, bytes: JSON.stringify(result).length };
}

describe('bounded input through the IPC contract', () => {
  it('a 2 MB subject: the list row carries 998 characters, the reader up to its own limit', async () => {
    const { core, accountId, mailbox } = await signedIn();
    const subject = `Budget ${'figures '.repeat(256 * 1024)}`; // 2 MB on one header line
    const id = mailbox.add({ subject });
    await core.mail.syncNow(accountId);
    const listed = await core.dispatch('messages:list', [{ accountId, scope: 'unread' }]);
    if (!listed.ok) throw new Error(listed.error.message);
    const page = listed.value as MessagePage;
    const row = page.messages.find((message) => message.id === id)!;
    expect(row.subject.length).toBe(LIST_SUBJECT_MAX_CHARS);
    expect(row.subject.endsWith('…')).toBe(true);
    // Three ordinary rows and this one: the whole page stays a few KB (on main it was over 2 MB).
    expect(JSON.stringify(listed).length).toBeLessThan(16 * 1024);

    const { content, bytes } = await get(core, accountId, id);
    console.info(`2 MB subject: messages:list page ${JSON.stringify(listed).length} B, message:get ${bytes} B`);
    expect(content.subject.length).toBe(READER_SUBJECT_MAX_CHARS);
    expect(content.subject.startsWith('Budget figures figures')).toBe(true);
    expect(bytes).toBeLessThan(READER_SUBJECT_MAX_CHARS * 2);
  });

  it('a 50 MB message with a 49 MB attachment sends the renderer a few KB, and saving writes exactly its bytes', async () => {
    const folderChosen = await folder('glance-save-');
    const suggested: string[] = [];
    const { core, accountId, mailbox, parser } = await signedIn({
      dialogs: {
        chooseClientSecretsFile: async () => null,
        chooseSavePath: async (name) => {
          suggested.push(name);
          return join(folderChosen, name);
        },
      },
    });
    const attachment = Buffer.alloc(49 * 1024 * 1024);
    for (let offset = 0; offset < attachment.length; offset += 4)
      attachment.writeUInt32LE((offset * 2654435761) >>> 0, offset);
    const text = 'Quarterly archive attached. '.repeat(36_000); // ~1 MB of text
    const id = mailbox.add({
      subject: 'Archive',
      text,
      attachments: [{ filename: 'archive.bin', mimeType: 'application/octet-stream', content: attachment }],
    });
    let started = Date.now();
    await core.mail.syncNow(accountId);
    const timings = [`sync ${Date.now() - started} ms`];
    started = Date.now();
    const opened = await longestBlock(() => get(core, accountId, id));
    const { content, bytes } = opened.value;
    timings.push(
      `message:get ${Date.now() - started} ms (main thread blocked ≤ ${Math.round(opened.maxBlockedMs)} ms)`,
    );
    expect(content.attachments).toEqual([
      {
        index: 0,
        filename: 'archive.bin',
        mimeType: 'application/octet-stream',
        size: attachment.length,
        contentId: null,
        inline: false,
        dataUrl: null,
      },
    ]);
    expect(content.truncated).toBeNull();
    // What main sent for the same message: the whole raw message, base64url, in one JSON payload.
    const rawBefore = buildRawMessage({
      from: { name: 'Someone', email: 'someone@example.com' },
      to: [{ name: 'Alex Rivera', email: EMAIL }],
      subject: 'Archive',
      date: Date.now(),
      messageId: `${id}.arrival@mail.emulator.example`,
      text: { content: text, charset: 'utf-8' },
      attachments: [{ filename: 'archive.bin', mimeType: 'application/octet-stream', data: attachment }],
    });
    const before = JSON.stringify({
      ok: true,
      value: { id, threadId: id, labelIds: [], raw: rawBefore.toString('base64url') },
    }).length;
    console.info(`message:get payload for a ${rawBefore.length} B message: before ${before} B, after ${bytes} B`);
    expect(before).toBeGreaterThan(60 * 1024 * 1024);
    // The text (1 MB) is all that travels: the 49 MB attachment never does.
    expect(bytes).toBeLessThan(text.length + 64 * 1024);

    started = Date.now();
    const { value: saved, maxBlockedMs } = await longestBlock(() =>
      core.dispatch('attachment:save', [accountId, id, 0]),
    );
    timings.push(`attachment:save ${Date.now() - started} ms (main thread blocked ≤ ${Math.round(maxBlockedMs)} ms)`);
    console.info(timings.join(', '));
    // Both parses ran on the worker. (How long the main thread was held up is logged, never asserted here: the
    // emulator's answer and the local store are read on it too; message-worker.test.ts bounds the parse alone.)
    onWorkerThreadsOnly(parser);
    expect(saved).toEqual({ ok: true, value: { savedTo: join(folderChosen, 'archive.bin') } });
    const written = await readFile(join(folderChosen, 'archive.bin'));
    expect(written.length).toBe(attachment.length);
    expect(createHash('sha256').update(written).digest('hex')).toBe(
      createHash('sha256').update(attachment).digest('hex'),
    );
    expect(suggested).toEqual(['archive.bin']);
    expect(await readdir(folderChosen)).toEqual(['archive.bin']);
    // A 50 MB message is built, served and parsed several times over; slow on a loaded machine.
  }, 300_000);

  it('saves nothing when the dialog is cancelled, and says so when the part does not exist', async () => {
    const { core, accountId, mailbox } = await signedIn();
    const id = mailbox.add({
      subject: 'Report',
      attachments: [{ filename: 'report.pdf', mimeType: 'application/pdf', content: '%PDF-1.4' }],
    });
    expect(await core.dispatch('attachment:save', [accountId, id, 0])).toEqual({ ok: true, value: null });
    expect(await core.dispatch('attachment:save', [accountId, id, 1])).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('Open the message again') },
    });
    // No bytes from the renderer: the old argument shape is refused.
    expect(
      await core.dispatch('attachment:save', [{ filename: 'a.txt', mimeType: 'text/plain', contentBase64: 'eA==' }]),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('says what to do when the file cannot be written there, and leaves no half file', async () => {
    const folderChosen = await folder('glance-save-');
    const { core, accountId, mailbox } = await signedIn({
      dialogs: {
        chooseClientSecretsFile: async () => null,
        chooseSavePath: async (name) => join(folderChosen, name),
      },
    });
    const content = Buffer.alloc(3 * 1024 * 1024, 0x41);
    const id = mailbox.add({
      subject: 'Report',
      attachments: [{ filename: 'report.pdf', mimeType: 'application/pdf', content }],
    });
    // A folder already stands where the file should go: the whole part is written, then the rename fails.
    await mkdir(join(folderChosen, 'report.pdf'));
    expect(await core.dispatch('attachment:save', [accountId, id, 0])).toMatchObject({
      ok: false,
      error: { code: 'ATTACHMENT_NOT_SAVED', message: expect.stringContaining('Choose another folder') },
    });
    expect(await readdir(folderChosen)).toEqual(['report.pdf']);
    expect(await readdir(join(folderChosen, 'report.pdf'))).toEqual([]);
  });

  // root writes into any folder whatever its mode, so there is no read-only folder to choose as root (CI runs as
  // root; a person's desktop does not): the case above covers the same clean-up there.
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'says so when the chosen folder is not writable (skipped as root or on Windows: no folder is read-only to them)',
    async () => {
      const folderChosen = await folder('glance-save-');
      const { core, accountId, mailbox } = await signedIn({
        dialogs: {
          chooseClientSecretsFile: async () => null,
          chooseSavePath: async (name) => join(folderChosen, name),
        },
      });
      const id = mailbox.add({
        subject: 'Report',
        attachments: [{ filename: 'report.pdf', mimeType: 'application/pdf', content: '%PDF-1.4' }],
      });
      await chmod(folderChosen, 0o500);
      try {
        expect(await core.dispatch('attachment:save', [accountId, id, 0])).toMatchObject({
          ok: false,
          error: {
            code: 'ATTACHMENT_NOT_SAVED',
            systemCode: 'EACCES',
            message: expect.stringContaining('(EACCES). Choose another folder'),
          },
        });
        expect(await readdir(folderChosen)).toEqual([]);
      } finally {
        await chmod(folderChosen, 0o700);
      }
    },
  );

  it('saves hostile attachment names under the safe name, inside the chosen folder, and marks them downloaded', async () => {
    const folderChosen = await folder('glance-save-');
    const suggested: string[] = [];
    const marked: string[] = [];
    const logger = memoryLogger();
    const { core, accountId, mailbox } = await signedIn({
      logger,
      dialogs: {
        chooseClientSecretsFile: async () => null,
        // As the Electron glue does: the suggested name joined to the default folder.
        chooseSavePath: async (name) => {
          suggested.push(name);
          return join(folderChosen, name);
        },
      },
      markDownloaded: async (path) => {
        await readFile(path); // marked once written, not before
        marked.push(path);
        if (path.endsWith('.docm'))
          throw Object.assign(new Error(`EINVAL: no streams, open '${path}:Zone.Identifier'`), { code: 'EINVAL' });
      },
    });
    // Names the emulator can carry in a quoted filename: it writes non-ASCII as '.', and a backslash would be read
    // as an escape. An RTLO name read from the message itself: test/unit/core/message/message-content.test.ts.
    const hostile = ['../../evil.dll', '/etc/cron.d/x', 'NUL', 'setup.exe. . ', `${'a'.repeat(250)}.pdf`, 'macro.docm'];
    const id = mailbox.add({
      subject: 'Hostile names',
      attachments: hostile.map((filename) => ({ filename, mimeType: 'text/plain', content: 'x' })),
    });
    for (let index = 0; index < hostile.length; index += 1) {
      expect(await core.dispatch('attachment:save', [accountId, id, index])).toMatchObject({ ok: true });
    }
    expect(suggested.slice(0, 4)).toEqual(['_.._evil.dll', '_etc_cron.d_x', '_NUL', 'setup.exe']);
    expect(suggested[4]).toMatch(/^a+….pdf$/);
    expect((await readdir(folderChosen)).sort()).toEqual([...suggested].sort());
    expect(await readFile(join(folderChosen, '_.._evil.dll'), 'utf8')).toBe('x');
    expect(marked).toEqual(suggested.map((name) => join(folderChosen, name)));
    const log = logger.lines.join('\n');
    expect(log).toContain('Could not mark a saved attachment as downloaded');
    expect(log).not.toContain('macro.docm');
  });
});
