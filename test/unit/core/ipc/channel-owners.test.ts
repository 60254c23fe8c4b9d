/**
 * Every channel of the contract has one owner: the core answers all of them but the main process's own
 * (MAIN_PROCESS_CHANNELS: the proxy's questions and a clicked notification's message live in that process), and
 * those the core refuses as unknown.
 */
import { describe, expect, it } from 'vitest';
import type { GlanceCore } from '../../../../electron/core/app-core.js';
import { createDispatch } from '../../../../electron/core/ipc/dispatch.js';
import { ipcHandlers } from '../../../../electron/core/ipc-handlers.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { PendingShow, pendingShowDispatch } from '../../../../electron/main/pending-show.js';
import { proxySignInDispatch } from '../../../../electron/main/proxy-sign-in.js';
import { mainProcessChannels } from '../../../../electron/main/startup-gate.js';
import { CHANNEL_NAMES, MAIN_PROCESS_CHANNELS, type Channel } from '../../../../electron/shared/ipc-contract.js';

// The adapters reach the core only when called; listing them needs none of it.
const coreHandlers = ipcHandlers({} as Omit<GlanceCore, 'dispatch'>);
const mainProcess = new Set<Channel>(MAIN_PROCESS_CHANNELS);

describe('IPC channel owners', () => {
  it('the core answers every channel but the main process’s own, and the main process answers exactly those', () => {
    expect(Object.keys(coreHandlers).sort()).toEqual(CHANNEL_NAMES.filter((name) => !mainProcess.has(name)).sort());
    // Composed as main.ts and the e2e harness compose them (mainProcessChannels throws when one is missing).
    const owned = mainProcessChannels(
      proxySignInDispatch(() => null, memoryLogger()),
      pendingShowDispatch(new PendingShow(), memoryLogger()),
    );
    expect([...owned.channels].sort()).toEqual([...MAIN_PROCESS_CHANNELS].sort());
  });

  it('a main-process channel that reaches the core is refused as an unknown request, not answered twice', async () => {
    const dispatch = createDispatch(coreHandlers, memoryLogger());
    for (const channel of MAIN_PROCESS_CHANNELS)
      await expect(dispatch(channel, [])).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
