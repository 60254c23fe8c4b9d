/**
 * One `handle()` for every channel of the contract (VS Code's validatedIpcMain): the sender must be the
 * main frame of our window showing our page; only then does the call reach `core.dispatch`, which
 * validates the arguments with the channel's zod schema.
 */
import { CHANNEL_NAMES, type Channel, type IpcResult } from '../shared/ipc-contract.js';
import type { Logger } from '../core/logging.js';

/** The parts of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string;
  /** The frame's origin as Chromium reports it (`glance://app` for our page). */
  readonly origin: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}

/** The parts of IpcMainInvokeEvent the check reads. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
  readonly sender: { readonly id: number };
}

/** Our window's web contents, as far as the check needs it. */
export interface TrustedContents {
  readonly id: number;
  readonly mainFrame: FrameLike;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

/**
 * The sender is trusted when it is the main frame (no parent, and the very frame object of our window's
 * main frame) of our window's contents, that frame currently shows our page, and its origin is exactly
 * our page's origin.
 */
export function checkSender(
  event: InvokeEventLike,
  trustedContents: () => TrustedContents | null,
  isAppPage: (url: string) => boolean,
  appOrigin: string,
): SenderVerdict {
  const frame = event.senderFrame;
  if (!frame) return { trusted: false, reason: 'sender frame is gone' };
  const contents = trustedContents();
  if (!contents || event.sender.id !== contents.id) return { trusted: false, reason: 'not our window' };
  const main = contents.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return { trusted: false, reason: 'not the main frame' };
  }
  if (!isAppPage(frame.url)) return { trusted: false, reason: 'frame is not showing the Glance page' };
  if (frame.origin !== appOrigin) return { trusted: false, reason: 'frame origin is not the Glance origin' };
  return { trusted: true };
}

export const UNTRUSTED_SENDER_RESULT: IpcResult<never> = {
  ok: false,
  error: {
    code: 'INVALID_ARGUMENT',
    message: 'This request did not come from the Glance window, so Glance ignored it.',
  },
};

export interface RegisterIpcOptions {
  ipcMain: IpcMainLike;
  dispatch: (channel: Channel, args: unknown[]) => Promise<IpcResult<unknown>>;
  trustedContents: () => TrustedContents | null;
  isAppPage: (url: string) => boolean;
  /** The app page's exact origin (`glance://app`, or the dev server's). */
  appOrigin: string;
  logger: Logger;
}

/**
 * Registers every contract channel; returns a function that removes them again.
 *
 * Order: the events a call causes are sent (`webContents.send`, synchronous) while the core handles it, before
 * its answer, and both travel on the window's one IPC pipe, so the window sees a change before the answer to the
 * call that made it. The window relies on that (an archived row stays gone when the answer comes), so the core
 * emits a call's change before it answers, never later from a timer or a queue.
 */
export function registerIpc({
  ipcMain,
  dispatch,
  trustedContents,
  isAppPage,
  appOrigin,
  logger,
}: RegisterIpcOptions): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, ...args) => {
      const verdict = checkSender(event, trustedContents, isAppPage, appOrigin);
      if (!verdict.trusted) {
        // The frame URL may carry anything; log only its scheme and the reason.
        logger.warn(`IPC ${channel} refused: ${verdict.reason}`, { scheme: schemeOf(event.senderFrame?.url) });
        return UNTRUSTED_SENDER_RESULT;
      }
      return dispatch(channel, args);
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

function schemeOf(url: string | undefined): string {
  if (!url) return 'none';
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return match?.[1] ?? 'unknown';
}
