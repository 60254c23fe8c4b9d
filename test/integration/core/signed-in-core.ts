/**
 * A GlanceCore on the emulator's Google client, with accounts signed in the way a person does it: the core
 * opens the browser, the emulator's consent page answers for the email, the loopback gets the code. The
 * emulator's request log is cleared before each consent, so it starts with that sign-in.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, vi } from 'vitest';
import { createGlanceCore, type GlanceCore, type GlanceCoreOptions } from '../../../electron/core/app-core.js';
import { memorySecretStore } from '../../../electron/core/keychain/secret-store.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { nodeFetch } from '../../../electron/core/net/node-fetch.js';
import type { GoogleEmulator } from '../../../electron/google-emulator/index.js';

export interface SignedInCore {
  core: GlanceCore;
  /** What the core was made with: start it again on them for an app restart (same data folder and keychain). */
  options: GlanceCoreOptions;
  accountIds: string[];
}

export async function signInOnEmulator(
  emulator: GoogleEmulator,
  emails: readonly string[],
  { dataDir, ...extra }: Partial<GlanceCoreOptions> & { dataDir: string },
): Promise<SignedInCore> {
  const secrets = join(await mkdtemp(join(tmpdir(), 'glance-secrets-')), 'client.json');
  await writeFile(secrets, JSON.stringify(emulator.clientSecretsJson('installed')));
  const opened: string[] = [];
  const options: GlanceCoreOptions = {
    paths: { dataDir },
    fetch: nodeFetch(process.env).fetch,
    clientSecretsPath: secrets,
    secretStore: memorySecretStore(),
    browser: { open: async (url) => void opened.push(url) },
    dialogs: { chooseClientSecretsFile: async () => null, chooseSavePath: async () => null },
    openExternal: async () => undefined,
    logger: memoryLogger(),
    appVersion: '0.0.0',
    platform: 'linux',
    // Off, so tests that count requests and changes see only what they asked for.
    gmailFetchAhead: { pages: 0, reserveShare: 0 },
    ...extra,
  };
  const core = await createGlanceCore(options);
  const accountIds: string[] = [];
  for (const email of emails) {
    const signIn = core.auth.signIn({});
    await vi.waitFor(() => expect(opened.length).toBeGreaterThan(0));
    emulator.resetLog();
    await fetch(await emulator.consent(opened.shift()!, { email }));
    accountIds.push((await signIn).id);
  }
  return { core, options, accountIds };
}

/** What one test holds — its core, its emulator, its temporary folders — released after it. */
export interface HeldByTest {
  core: GlanceCore | null;
  emulator: GoogleEmulator | null;
  /** A new temporary folder, removed after the test. */
  folder(prefix: string): Promise<string>;
}

/** Call once at the top of a test file: after each test, the core is disposed, the emulator closed, the folders removed. */
export function heldByEachTest(): HeldByTest {
  const folders: string[] = [];
  const held: HeldByTest = {
    core: null,
    emulator: null,
    async folder(prefix) {
      const made = await mkdtemp(join(tmpdir(), prefix));
      folders.push(made);
      return made;
    },
  };
  afterEach(async () => {
    await held.core?.dispose();
    held.core = null;
    await held.emulator?.close();
    held.emulator = null;
    await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
  });
  return held;
}
