// @vitest-environment jsdom
/**
 * Scrolling that must wait for Gmail's quota says why and for how long, and fetches the next page by itself
 * when the wait is over (issue 14, item 3).
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageList, waitPhrase } from '../../../renderer/src/inbox/MessageList.js';
import { summary } from './fake-glance.js';
import { stubListLayout } from './render-app.js';

stubListLayout();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2026-12-07T15:00:00Z'));
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function list(props: Partial<Parameters<typeof MessageList>[0]> = {}) {
  const onLoadMore = vi.fn();
  render(
    <MessageList
      label="Unread"
      items={[summary(1)]}
      hasMore
      loadingMore={false}
      moreError={null}
      selected={null}
      open={null}
      marks={null}
      onSelect={() => undefined}
      onLoadMore={onLoadMore}
      now={Date.now()}
      {...props}
    />,
  );
  return onLoadMore;
}

describe('a page that waits for the quota', () => {
  it('says why and how long, counts down, and loads more when the wait is over', () => {
    const onLoadMore = list({
      moreError: { code: 'RATE_LIMITED', message: 'pausing', retryAt: Date.now() + 42_000 },
    });
    expect(screen.getByRole('status').textContent).toBe('Gmail limits how fast mail can be fetched — more in 42 s');
    expect(screen.queryByText('Loading more…')).toBeNull();
    act(() => void vi.advanceTimersByTime(12_000));
    expect(screen.getByRole('status').textContent).toMatch(/more in 30 s$/);
    expect(onLoadMore).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(30_000));
    expect(onLoadMore).toHaveBeenCalledTimes(1);
  });

  it('any other failure keeps its advice and a Retry button', () => {
    list({ moreError: { code: 'OFFLINE', message: 'offline' } });
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('says long waits in minutes', () => {
    expect(waitPhrase(42_000)).toBe('42 s');
    expect(waitPhrase(89_000)).toBe('89 s');
    expect(waitPhrase(5 * 60_000)).toBe('5 min');
    expect(waitPhrase(-5)).toBe('0 s');
  });
});
