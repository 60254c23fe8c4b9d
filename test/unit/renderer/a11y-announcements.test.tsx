// @vitest-environment jsdom
/**
 * The live region and what it says: each announcement once, as its own node (so the same words twice are
 * read twice); new mail by name or number; the reader's "opened" line; shortcut keys replayed from the frame.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import type { MessageSummary } from '../../../electron/shared/ipc-contract.js';
import { LiveRegion, announce } from '../../../renderer/src/app/LiveRegion.js';
import { newMailText } from '../../../renderer/src/inbox/useNewMailAnnouncement.js';
import { forwardFrameKeys } from '../../../renderer/src/keyboard/frame-keys.js';
import { openedText } from '../../../renderer/src/reader/useReaderAnnouncement.js';

afterEach(cleanup);

const summary = (name: string, subject: string): MessageSummary =>
  ({ from: { name, address: `${name.toLowerCase()}@example.com` }, subject }) as MessageSummary;

describe('live region', () => {
  it('is one polite status region; each announcement is its own node, repeats included', () => {
    const view = render(<LiveRegion />);
    const region = view.getByTestId('live-region');
    expect(region.getAttribute('role')).toBe('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    act(() => announce('Archived'));
    act(() => announce('Archived'));
    act(() => announce('   '));
    expect([...region.querySelectorAll('p')].map((node) => node.textContent)).toEqual(['Archived', 'Archived']);
  });

  it('names one new message and counts several; the reader says sender and subject', () => {
    expect(newMailText([summary('Ann', 'Lunch?')])).toBe('New message from Ann: Lunch?');
    expect(newMailText([summary('Ann', 'a'), summary('Bo', 'b')])).toBe('2 new messages');
    expect(openedText('Lunch?', { name: 'Ann Lee', address: 'ann@example.com' })).toBe(
      'Opened message from Ann Lee: Lunch?',
    );
    expect(openedText(' ', { name: '', address: 'ann@example.com' })).toBe(
      'Opened message from ann@example.com: (no subject)',
    );
  });
});

describe('forwardFrameKeys', () => {
  it('replays shortcut keys on the frame element and leaves the frame its own navigation keys', () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const doc = document.implementation.createHTMLDocument('mail');
    const seen: string[] = [];
    frame.addEventListener('keydown', (event) => {
      seen.push(event.key);
      if (event.key === 'k') event.preventDefault();
    });
    const stop = forwardFrameKeys(doc, frame);
    const press = (key: string) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      doc.body.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(press('j')).toBe(false);
    expect(press('k')).toBe(true);
    press('Tab');
    press('ArrowDown');
    press('Enter');
    expect(seen).toEqual(['j', 'k']);
    stop();
    press('e');
    expect(seen).toEqual(['j', 'k']);
    frame.remove();
  });
});
