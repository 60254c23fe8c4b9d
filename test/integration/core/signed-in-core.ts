/**
 * A GlanceCore on the emulator's Google client, with accounts signed in the way a person does it: the core
 * opens the browser, the emulator's consent page answers for the email, the loopback gets the code. The
 * emulator's request log is cleared before each consent, so it starts with that sign-in.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
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
