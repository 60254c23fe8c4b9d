import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../electron/core/logging.js';
import {
  checkSender,
  registerIpc,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../../electron/main/ipc.js';
import { CHANNEL_NAMES } from '../../../electron/shared/ipc-contract.js';

const APP_URL = 'glance://app/index.html';
const APP_ORIGIN = 'glance://app';
const isAppPage = (url: string) => url.split('#')[0] === APP_URL;

const mainFrame: FrameLike = { url: APP_URL, origin: APP_ORIGIN, parent: null, processId: 4, routingId: 1 };
const ourContents = { id: 7, mainFrame };

function eventFrom(frame: FrameLike | null, senderId = 7): InvokeEventLike {
  return { senderFrame: frame, sender: { id: senderId } };
}

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

describe('checkSender', () => {
  it('trusts the main frame of our window showing our page', () => {
    expect(checkSender(eventFrom({ ...mainFrame }), () => ourContents, isAppPage, APP_ORIGIN)).toEqual({
      trusted: true,
    });
  });

  it.each([
    ['a destroyed frame', eventFrom(null)],
    ['another window', eventFrom({ ...mainFrame }, 8)],
    [
      'a sub frame (the mail iframe)',
      eventFrom({ url: APP_URL, origin: APP_ORIGIN, parent: mainFrame, processId: 4, routingId: 2 }),
    ],
    [
      'another frame with our URL',
      eventFrom({ url: APP_URL, origin: APP_ORIGIN, parent: null, processId: 5, routingId: 1 }),
    ],
    ['our frame after navigating away', eventFrom({ ...mainFrame, url: 'https://evil.example.com/' })],
    ['our URL with an opaque origin (a sandboxed page)', eventFrom({ ...mainFrame, origin: 'null' })],
    ['our URL with another origin', eventFrom({ ...mainFrame, origin: 'glance://evil' })],
  ])('refuses %s', (_name, event) => {
    expect(checkSender(event, () => ourContents, isAppPage, APP_ORIGIN).trusted).toBe(false);
  });

  it('refuses everything when the window is gone', () => {
    expect(checkSender(eventFrom({ ...mainFrame }), () => null, isAppPage, APP_ORIGIN).trusted).toBe(false);
  });
});

describe('registerIpc', () => {
  it('registers exactly the contract channels and dispatches trusted calls with their arguments', async () => {
    const ipcMain = new FakeIpcMain();
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'value' }));
    registerIpc({
      ipcMain,
      dispatch,
      trustedContents: () => ourContents,
      isAppPage,
      appOrigin: APP_ORIGIN,
      logger: memoryLogger(),
    });
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const result = await ipcMain.handlers.get('message:get')?.(eventFrom({ ...mainFrame }), 'acct', 'abc');
    expect(result).toEqual({ ok: true, value: 'value' });
    expect(dispatch).toHaveBeenCalledWith('message:get', ['acct', 'abc']);
  });

  it('answers an untrusted sender with INVALID_ARGUMENT and a log line, without dispatching', async () => {
    const ipcMain = new FakeIpcMain();
    const dispatch = vi.fn();
    const logger = memoryLogger();
    registerIpc({ ipcMain, dispatch, trustedContents: () => ourContents, isAppPage, appOrigin: APP_ORIGIN, logger });
    const evilUrl = 'https://evil.example.com/steal?code=4/secret';
    const result = await ipcMain.handlers.get('accounts:get')?.(eventFrom({ ...mainFrame, url: evilUrl }));
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(logger.lines.join('\n')).toMatch(/accounts:get refused: frame is not showing the Glance page/);
    expect(logger.lines.join('\n')).not.toContain('evil.example.com');
  });

  it('removes every handler again', () => {
    const ipcMain = new FakeIpcMain();
    const dispose = registerIpc({
      ipcMain,
      dispatch: vi.fn(),
      trustedContents: () => ourContents,
      isAppPage,
      appOrigin: APP_ORIGIN,
      logger: memoryLogger(),
    });
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
