import { describe, expect, it } from 'vitest';
import { NetworkActivityRecorder, recordingFetch } from '../../../../electron/core/net/network-activity.js';

function recorder(start = 1_000) {
  let now = start;
  const clock = { now: () => now };
  return { activity: new NetworkActivityRecorder(clock), advance: (ms: number) => (now += ms) };
}

describe('NetworkActivityRecorder', () => {
  it('counts requests per host and requester, most first, with the time of the latest', () => {
    const { activity, advance } = recorder();
    activity.record('https://oauth2.googleapis.com/token', 'glance');
    advance(10);
    activity.record('https://gmail.googleapis.com/gmail/v1/users/me/messages?q=x', 'glance');
    advance(10);
    activity.record('https://gmail.googleapis.com/batch/gmail/v1', 'glance');
    activity.record('https://images.example.net/pixel.png', 'window');
    expect(activity.report()).toEqual({
      since: 1_000,
      hosts: [
        { host: 'gmail.googleapis.com', via: 'glance', requests: 2, lastAt: 1_020 },
        { host: 'images.example.net', via: 'window', requests: 1, lastAt: 1_020 },
        { host: 'oauth2.googleapis.com', via: 'glance', requests: 1, lastAt: 1_000 },
      ],
    });
  });

  it('keeps only the host (with a port that is not the default): never a path, query or credentials', () => {
    const { activity } = recorder();
    activity.record('https://user:secret@mail.example.com:8443/a/b?access_token=ya29.secret#frag', 'window');
    activity.record('http://127.0.0.1:80/x', 'glance');
    const text = JSON.stringify(activity.report());
    expect(
      activity
        .report()
        .hosts.map((host) => host.host)
        .sort(),
    ).toEqual(['127.0.0.1', 'mail.example.com:8443']);
    expect(text).not.toMatch(/secret|access_token|\/a\/b|frag|user/);
  });

  it('counts the same host apart for Glance and for the window', () => {
    const { activity } = recorder();
    activity.record('https://www.google.com/a', 'glance');
    activity.record('https://www.google.com/b', 'window');
    expect(activity.report().hosts.map(({ via, requests }) => ({ via, requests }))).toEqual([
      { via: 'glance', requests: 1 },
      { via: 'window', requests: 1 },
    ]);
  });

  it('ignores what contacts no host: file:, data:, blob:, about: and unparsable URLs', () => {
    const { activity } = recorder();
    for (const url of ['file:///etc/hosts', 'data:image/png;base64,AA', 'blob:null/1', 'about:blank', 'not a url'])
      activity.record(url, 'window');
    expect(activity.report().hosts).toEqual([]);
  });

  it('a report is a copy: later requests do not change one already given', () => {
    const { activity } = recorder();
    activity.record('https://gmail.googleapis.com/', 'glance');
    const first = activity.report();
    activity.record('https://gmail.googleapis.com/', 'glance');
    expect(first.hosts[0]?.requests).toBe(1);
    expect(activity.report().hosts[0]?.requests).toBe(2);
  });
});

describe('recordingFetch', () => {
  it("counts each request as Glance's own before it is sent, a failing one too", async () => {
    const { activity } = recorder();
    const port = recordingFetch(async (url) => {
      if (url.includes('fail')) throw new TypeError('fetch failed');
      return new Response('ok');
    }, activity);
    await port('https://gmail.googleapis.com/ok', { method: 'GET' });
    await expect(port('https://gmail.googleapis.com/fail', { method: 'GET' })).rejects.toThrow('fetch failed');
    expect(activity.report().hosts).toEqual([
      expect.objectContaining({ host: 'gmail.googleapis.com', via: 'glance', requests: 2 }),
    ]);
  });
});
