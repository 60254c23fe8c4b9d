// @vitest-environment jsdom
/**
 * The "waiting for your browser" screen: after 20 s it says what Google may be showing on its own page
 * (errors that never come back to Glance) and what each means, keeping Cancel. A fake clock drives it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { BROWSER_HELP_AFTER_MS } from '../../../renderer/src/signin/BrowserProblemsHint.js';
import { SignInWaiting, type SignInFlow } from '../../../renderer/src/signin/SignIn.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const waiting: SignInFlow = { running: true, progress: { phase: 'waiting-for-browser' }, error: null };

describe('waiting for the browser', () => {
  it('after 20 s lists what Google may show on its page, each with its fix, and keeps Cancel', () => {
    const onCancel = vi.fn();
    render(<SignInWaiting flow={waiting} onCancel={onCancel} />);
    expect(screen.queryByTestId('browser-help')).toBeNull();
    act(() => vi.advanceTimersByTime(BROWSER_HELP_AFTER_MS - 1));
    expect(screen.queryByTestId('browser-help')).toBeNull();
    act(() => vi.advanceTimersByTime(1));
    const help = screen.getByRole('region', { name: /Still waiting\? Look at Google’s page/ });
    const items = [...help.querySelectorAll('li')].map((item) => item.textContent ?? '');
    expect(items).toHaveLength(4);
    expect(items[0]).toMatch(/invalid_client.*Google Cloud Console/);
    expect(items[1]).toMatch(/Access blocked.*test users/);
    expect(items[2]).toMatch(/administrator/);
    expect(items[3]).toMatch(/redirect_uri_mismatch.*Desktop app/);
    screen.getByRole('button', { name: 'Cancel' }).click();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('says nothing of the kind while the code is exchanged', () => {
    render(<SignInWaiting flow={{ ...waiting, progress: { phase: 'exchanging' } }} onCancel={() => undefined} />);
    act(() => vi.advanceTimersByTime(BROWSER_HELP_AFTER_MS * 2));
    expect(screen.queryByTestId('browser-help')).toBeNull();
  });
});
