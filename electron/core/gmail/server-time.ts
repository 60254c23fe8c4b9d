/**
 * Google's clock as seen from this machine. Every answer carries a `Date` header; the difference from the
 * local clock is kept, so that Google's own instants ("Retry after 2026-12-07T12:00:30Z", a Retry-After date,
 * an access token's expiry) are measured on Google's clock, not on a local clock that may be hours or days
 * wrong. Server-given waits are capped: a wrong or hostile instant can never pause an account for longer than
 * MAX_SERVER_WAIT_MS.
 */
import type { OAuth2Client } from 'google-auth-library';
import type { Clock } from '../ports.js';

/** The longest wait Glance accepts from Google before trying again (15 minutes). */
export const MAX_SERVER_WAIT_MS = 15 * 60_000;

/** A moment on both clocks: the local now and how far Google's clock is ahead of it. */
export interface TimeReading {
  /** Local epoch ms. */
  now: number;
  /** Google's clock minus the local clock, in ms (0 until an answer has been seen). */
  serverOffsetMs: number;
}

/** A reading for code that has not seen Google's clock (the local clock taken as right). */
export function localReading(now: number): TimeReading {
  return { now, serverOffsetMs: 0 };
}

/** Google's instant `serverAt` as the local instant Glance may try again, at most MAX_SERVER_WAIT_MS away. */
export function localRetryAt(serverAt: number, time: TimeReading): number {
  const wait = serverAt - (time.now + time.serverOffsetMs);
  return time.now + Math.min(MAX_SERVER_WAIT_MS, Math.max(0, wait));
}

/** A wait Google gave in seconds (Retry-After: 120), capped, as a local instant. */
export function localRetryAfterSeconds(seconds: number, time: TimeReading): number {
  return time.now + Math.min(MAX_SERVER_WAIT_MS, Math.max(0, seconds * 1000));
}

function dateHeaderOf(headers: unknown): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as Headers).get('date') ?? undefined;
  const record = headers as Record<string, unknown>;
  const value = record['date'] ?? record['Date'];
  return typeof value === 'string' ? value : undefined;
}

export class ServerTime {
  /** Google's clock at the last answer, and the monotonic time it was read at. */
  private anchor: { serverAt: number; monotonicAt: number } | undefined;

  constructor(private readonly clock: Clock) {}

  private monotonic(): number {
    return this.clock.monotonic ? this.clock.monotonic() : performance.now();
  }

  /**
   * Takes Google's clock from an answer's `Date` header. The header has whole seconds and was written before
   * the answer travelled, so the estimate is at most ~1 s behind the truth: Glance then waits a little longer
   * than Google asked, never less.
   */
  observe(headers: unknown): void {
    const header = dateHeaderOf(headers);
    if (!header) return;
    const at = Date.parse(header);
    if (Number.isFinite(at)) this.anchor = { serverAt: at, monotonicAt: this.monotonic() };
  }

  /** True once an answer from Google has been dated. */
  get known(): boolean {
    return this.anchor !== undefined;
  }

  /**
   * Google's clock minus the local clock (0 until an answer has been seen). Google's clock is carried forward
   * from the last answer on the monotonic clock, so setting the local clock changes the offset at once.
   */
  get offsetMs(): number {
    if (!this.anchor) return 0;
    return this.anchor.serverAt + (this.monotonic() - this.anchor.monotonicAt) - this.clock.now();
  }

  reading(): TimeReading {
    return { now: this.clock.now(), serverOffsetMs: this.offsetMs };
  }
}

interface ExpiryAnchor {
  accessToken: string;
  /** When the token expires on Google's clock. */
  serverExpiry: number;
}

const followed = new WeakMap<OAuth2Client, { time: ServerTime; realign: () => void }>();

/**
 * Makes an account's OAuth2Client report every answer's `Date` (Gmail, batch and the token endpoint) to
 * `time`, and keeps its access-token expiry on Google's clock: google-auth-library stores the expiry as a
 * local instant, so when the local clock is set (by a day, say) while Glance runs, the expiry moves with it
 * and the token is renewed before Google stops accepting it, not after a 401. Call it before every request
 * (it realigns the expiry each time); idempotent per client.
 */
export function followServerTime(client: OAuth2Client, time: ServerTime): OAuth2Client {
  const known = followed.get(client);
  if (known?.time === time) {
    known.realign();
    return client;
  }
  let anchor: ExpiryAnchor | undefined;
  const realign = () => {
    const credentials = client.credentials;
    if (!credentials.access_token || !credentials.expiry_date || !time.known) return;
    if (anchor?.accessToken !== credentials.access_token) {
      // A token seen for the first time: google-auth-library has just set its expiry from the local clock.
      anchor = { accessToken: credentials.access_token, serverExpiry: credentials.expiry_date + time.offsetMs };
      return;
    }
    const localExpiry = anchor.serverExpiry - time.offsetMs;
    if (Math.abs(localExpiry - credentials.expiry_date) > 1000) credentials.expiry_date = localExpiry;
  };
  followed.set(client, { time, realign });
  realign();
  client.transporter.interceptors.response.add({
    resolved: async (response) => {
      time.observe(response.headers);
      realign();
      return response;
    },
    rejected: (error: unknown) => {
      time.observe((error as { response?: { headers?: unknown } } | undefined)?.response?.headers);
      realign();
      throw error;
    },
  });
  return client;
}
