/**
 * The Electron glue of the network (electron/main/network.ts) with fakes: Electron's net.fetch cannot run
 * here (no Electron binary), so the glue is kept to these two functions; the bundled main process runs them
 * against a fake Electron in test/integration/packaging/main-bundle.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { NetworkActivityRecorder } from '../../../electron/core/net/network-activity.js';
import { recordWindowRequests, sessionFetch, WINDOW_REQUEST_FILTER } from '../../../electron/main/network.js';

describe('sessionFetch', () => {
  it("sends through the session's own fetch (Chromium's network stack), the request unchanged", async () => {
    const answer = new Response('ok');
    const fetch = vi.fn(async () => answer);
    const init = { method: 'POST', body: 'a=b' };
    expect(await sessionFetch({ fetch } as never)('https://oauth2.googleapis.com/token', init)).toBe(answer);
    expect(fetch).toHaveBeenCalledWith('https://oauth2.googleapis.com/token', init);
  });
});

describe('recordWindowRequests', () => {
  it("counts the window's web requests, but not the app's own page", () => {
    let listener: ((details: { url: string }) => void) | undefined;
    const onSendHeaders = vi.fn((filter: unknown, callback: (details: { url: string }) => void) => {
      expect(filter).toEqual(WINDOW_REQUEST_FILTER);
      listener = callback;
    });
    const activity = new NetworkActivityRecorder({ now: () => 5 });
    const devServer = 'http://localhost:5173';
    recordWindowRequests({ webRequest: { onSendHeaders } } as never, activity, (url) => url.startsWith(devServer));
    listener?.({ url: `${devServer}/src/main.tsx` });
    listener?.({ url: 'https://images.example.net/a.png' });
    listener?.({ url: 'https://images.example.net/b.png' });
    expect(activity.report().hosts).toEqual([{ host: 'images.example.net', via: 'window', requests: 2, lastAt: 5 }]);
  });
});
