import { describe, expect, it } from 'vitest';
import { BrowserSessions, SESSION_COOKIE } from '../../../electron/google-emulator/browser-sessions.js';

const cookieHeader = (setCookie: string | undefined, others = '') => ({
  cookie: `${others}${(setCookie ?? '').split(';')[0]}`,
});

describe('browser sessions (the signed-in users of one browser)', () => {
  it('a first sign-in creates a session cookie; later ones add users in order, once each', () => {
    const sessions = new BrowserSessions();
    const first = sessions.signIn(undefined, '111');
    expect(first.setCookie).toMatch(
      new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{32}; Path=/; HttpOnly; SameSite=Lax$`),
    );
    const session = sessions.sessionOf(cookieHeader(first.setCookie));
    expect(session).toBe(first.session);
    expect(sessions.signIn(session, '222')).toEqual({ session });
    expect(sessions.signIn(session, '111')).toEqual({ session });
    expect(sessions.userIds(session)).toEqual(['111', '222']);
  });

  it('finds its cookie among others and ignores cookies it did not issue', () => {
    const sessions = new BrowserSessions();
    const { setCookie, session } = sessions.signIn(undefined, '111');
    expect(sessions.sessionOf(cookieHeader(setCookie, 'theme=dark; NID=abc; '))).toBe(session);
    expect(sessions.sessionOf({ cookie: `${SESSION_COOKIE}=forged` })).toBeUndefined();
    expect(sessions.sessionOf({})).toBeUndefined();
    expect(sessions.userIds(undefined)).toEqual([]);
    // An unknown session id gets a new session rather than adopting the forged one.
    expect(sessions.signIn('forged', '222').session).not.toBe('forged');
  });

  it('browsers are independent and sign-out forgets one of them', () => {
    const sessions = new BrowserSessions();
    const a = sessions.signIn(undefined, '111').session;
    const b = sessions.signIn(undefined, '222').session;
    expect(a).not.toBe(b);
    sessions.signOut(a);
    expect(sessions.userIds(a)).toEqual([]);
    expect(sessions.sessionOf({ cookie: `${SESSION_COOKIE}=${a}` })).toBeUndefined();
    expect(sessions.userIds(b)).toEqual(['222']);
  });
});
