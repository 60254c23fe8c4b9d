/**
 * Help → Network activity: every host Glance contacted since it started, with request counts. Glance's own
 * requests (to Google, through the fetch port) and the window's (content the person chose to show, such as
 * a sender's remote images) are counted apart, so the privacy promise can be checked: only Google's hosts,
 * and a sender's host only after the person chose Show. Only the host is kept, never a path or query.
 */
import type { NetworkActivity, NetworkHost, NetworkRequester } from '../../shared/ipc-contract.js';
import { systemClock, type Clock, type HttpFetch } from '../ports.js';

export class NetworkActivityRecorder {
  private readonly since: number;
  private readonly hosts = new Map<string, NetworkHost>();

  constructor(private readonly clock: Clock = systemClock) {
    this.since = clock.now();
  }

  /** Counts one request to `url`'s host. Anything but http(s) and ws(s) (file:, data:, blob:) contacts no host. */
  record(url: string, via: NetworkRequester): void {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return;
    }
    if (!/^(https?|wss?):$/.test(parsed.protocol) || parsed.host === '') return;
    const key = `${via} ${parsed.host}`;
    const now = this.clock.now();
    const known = this.hosts.get(key);
    if (known) {
      known.requests += 1;
      known.lastAt = now;
    } else this.hosts.set(key, { host: parsed.host, via, requests: 1, lastAt: now });
  }

  /** Most requests first; plain JSON for the IPC contract. */
  report(): NetworkActivity {
    const hosts = [...this.hosts.values()]
      .map((entry) => ({ ...entry }))
      .sort((a, b) => b.requests - a.requests || a.host.localeCompare(b.host) || a.via.localeCompare(b.via));
    return { since: this.since, hosts };
  }
}

/** The fetch port with each request counted as Glance's own (before it is sent: a failed request still contacted the host). */
export function recordingFetch(port: HttpFetch, recorder: NetworkActivityRecorder): HttpFetch {
  return (url, init) => {
    recorder.record(url, 'glance');
    return port(url, init);
  };
}
