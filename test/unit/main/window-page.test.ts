/**
 * The window's page as the main process sees it (electron/main/window-page.ts), with a fake webContents that
 * emits in Chromium's order: a load's `did-navigate`, then its `did-finish-load`.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  CRASH_RELOAD_LIMIT,
  CRASH_RELOAD_WINDOW_MS,
  crashReloads,
  onPageGone,
  sendToPage,
} from '../../../electron/main/window-page.js';

class FakeContents extends EventEmitter {
  sent: Array<{ channel: string; payload: unknown }> = [];
  /** Chromium counts the page as loading while any frame loads (the mail's remote images). */
  loadingSomeFrame = true;
  isLoading() {
    return this.loadingSomeFrame;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  load() {
    this.emit('did-navigate');
    this.emit('did-finish-load');
  }
}

const windowOf = (contents: FakeContents, destroyed = false) => ({
  isDestroyed: () => destroyed,
  webContents: contents,
});

describe('the window page', () => {
  it('events reach the page while a frame in it is still loading; none go to a destroyed window', () => {
    const contents = new FakeContents();
    sendToPage(windowOf(contents), 'message:show', { accountId: 'a1', messageId: 'm1' });
    expect(contents.sent).toEqual([{ channel: 'message:show', payload: { accountId: 'a1', messageId: 'm1' } }]);
    sendToPage(windowOf(contents, true), 'message:show', { accountId: 'a1', messageId: 'm2' });
    sendToPage(null, 'message:show', { accountId: 'a1', messageId: 'm3' });
    expect(contents.sent).toHaveLength(1);
  });

  it('the first load is not a page going away; a reload, a navigation or a crash after it is', () => {
    const contents = new FakeContents();
    let gone = 0;
    onPageGone(contents, () => (gone += 1));
    contents.load();
    expect(gone).toBe(0);
    contents.load(); // a reload
    expect(gone).toBe(1);
    contents.emit('render-process-gone');
    expect(gone).toBe(2);
  });

  it('a crash before the first load ended still counts', () => {
    const contents = new FakeContents();
    let gone = 0;
    onPageGone(contents, () => (gone += 1));
    contents.emit('did-navigate');
    contents.emit('render-process-gone');
    expect(gone).toBe(1);
  });

  it(`reloads after a crash, but not after the ${CRASH_RELOAD_LIMIT}th within a minute; a minute later it reloads again`, () => {
    let now = 1_000_000;
    const shouldReload = crashReloads(() => now);
    const answers: boolean[] = [];
    for (let crash = 0; crash < CRASH_RELOAD_LIMIT; crash++) {
      answers.push(shouldReload());
      now += 10_000;
    }
    expect(answers).toEqual([...Array<boolean>(CRASH_RELOAD_LIMIT - 1).fill(true), false]);

    const spaced = crashReloads(() => now);
    const spacedAnswers: boolean[] = [];
    for (let crash = 0; crash < CRASH_RELOAD_LIMIT + 2; crash++) {
      spacedAnswers.push(spaced());
      now += CRASH_RELOAD_WINDOW_MS / (CRASH_RELOAD_LIMIT - 1);
    }
    expect(spacedAnswers.every(Boolean)).toBe(true);
  });
});
