/**
 * IPC fuzzing of the real core (GlanceCore's dispatch, what the main process's IPC handler calls), signed in on
 * the emulator: every channel with random and hostile arguments (test/unit/main/ipc-arbitraries.ts). Each call
 * the contract refuses answers a typed INVALID_ARGUMENT and does nothing: no request reaches Google, no file of
 * the data folder is written (settings, accounts), and afterwards the core still lists and opens mail.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startGoogleEmulator } from '../../../electron/google-emulator/index.js';
import { channels, type MessagePage } from '../../../electron/shared/ipc-contract.js';
import { asDelivered, channelArgs } from '../../unit/main/ipc-arbitraries.js';
import { heldByEachTest, signInOnEmulator } from './signed-in-core.js';

const held = heldByEachTest();

/** Every file of the data folder outside the mail stores (which a delayed save may touch), with its content hash. */
async function dataFolderFiles(dataDir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const name = relative(dataDir, path);
      if (entry.isDirectory()) {
        if (name !== 'mail') await walk(path);
      } else if ((await stat(path)).isFile()) {
        files[name] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
      }
    }
  };
  await walk(dataDir);
  return files;
}

describe('the core under fuzzed IPC calls', () => {
  it('answers every refused call with INVALID_ARGUMENT, sends nothing to Google, writes nothing, keeps working', async () => {
    const email = 'fuzz@example.com';
    const emulator = (held.emulator = await startGoogleEmulator({
      users: [{ email, name: 'Fuzz Target', unread: 12 }],
    }));
    const dataDir = await held.folder('glance-ipc-fuzz-');
    const signedIn = await signInOnEmulator(emulator, [email], { dataDir });
    const core = (held.core = signedIn.core);
    const accountId = signedIn.accountIds[0]!;
    const before = (await core.dispatch('messages:list', [{ accountId, scope: 'unread' }])) as {
      ok: true;
      value: MessagePage;
    };
    expect(before.ok).toBe(true);
    await core.mail.syncNow(accountId);
    const filesBefore = await dataFolderFiles(dataDir);
    emulator.resetLog();

    let refused = 0;
    await fc.assert(
      fc.asyncProperty(channelArgs, async ({ channel, args }) => {
        const delivered = asDelivered(args);
        if (delivered === null) return; // Electron's IPC would not deliver it at all
        if (channels[channel].args.safeParse(delivered).success) return; // valid calls are the other tests' work
        refused += 1;
        const answer = await core.dispatch(channel, delivered);
        expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      }),
      { numRuns: 600 },
    );

    expect(refused).toBeGreaterThan(300);
    expect(emulator.requestLog).toEqual([]);
    expect(await dataFolderFiles(dataDir)).toEqual(filesBefore);
    const after = await core.dispatch('messages:list', [{ accountId, scope: 'unread' }]);
    expect(after).toMatchObject({ ok: true, value: { messages: before.value.messages } });
    const opened = await core.dispatch('message:get', [accountId, before.value.messages[0]!.id]);
    expect(opened).toMatchObject({ ok: true, value: { id: before.value.messages[0]!.id } });
  });
});
