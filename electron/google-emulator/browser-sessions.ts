/**
 * The emulator's idea of a person's browser: which Google users are signed in in it, like the session
 * cookie accounts.google.com sets. A browser (a cookie jar) can hold several users; their order is the
 * `authuser` index Google reports. The account chooser lists them; "Use another account" adds one.
 */
import { randomToken } from './random.js';

export const SESSION_COOKIE = 'EMU_SID';

export class BrowserSessions {
  /** Session id → user ids, in the order they signed in. */
  private readonly sessions = new Map<string, string[]>();

  /** The session a request's Cookie header names, when this emulator issued it (other cookies are ignored). */
  sessionOf(headers: Record<string, string>): string | undefined {
    for (const part of (headers.cookie ?? '').split(';')) {
      const separator = part.indexOf('=');
      if (separator < 0 || part.slice(0, separator).trim() !== SESSION_COOKIE) continue;
      const value = part.slice(separator + 1).trim();
      if (this.sessions.has(value)) return value;
    }
    return undefined;
  }

  /** User ids signed in in that browser, in chooser order. */
  userIds(session: string | undefined): string[] {
    return session ? [...(this.sessions.get(session) ?? [])] : [];
  }

  /**
   * Signs a user into the browser (a no-op when already signed in). Returns the session and, when the
   * browser had none yet, the Set-Cookie header value that gives it one.
   */
  signIn(session: string | undefined, userId: string): { session: string; setCookie?: string } {
    const existing = session ? this.sessions.get(session) : undefined;
    if (session && existing) {
      if (!existing.includes(userId)) existing.push(userId);
      return { session };
    }
    const created = randomToken(24);
    this.sessions.set(created, [userId]);
    return { session: created, setCookie: `${SESSION_COOKIE}=${created}; Path=/; HttpOnly; SameSite=Lax` };
  }

  /** Signs every user out of that browser. */
  signOut(session: string | undefined): void {
    if (session) this.sessions.delete(session);
  }
}
