import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../electron/shared/ipc-contract.js';
import { adviceFor } from '../../../renderer/src/shared/errors.js';
import { fileSize, initialOf, shortDate } from '../../../renderer/src/shared/format.js';
import { linkify } from '../../../renderer/src/reader/linkify.js';
import { commandForKey } from '../../../renderer/src/keyboard/shortcuts.js';
import { accountMarks } from '../../../renderer/src/accounts/account-marks.js';
import { account } from './fake-glance.js';

describe('adviceFor', () => {
  it('gives every error code a title, a next step in words and an action', () => {
    for (const code of ERROR_CODES) {
      const advice = adviceFor({ code, message: 'Details.' });
      expect(advice.title.length, code).toBeGreaterThan(5);
      expect(advice.detail.length, code).toBeGreaterThan(5);
    }
    expect(adviceFor({ code: 'KEYCHAIN_UNAVAILABLE', message: '' }).nextStep).toBe('retry-keychain');
    expect(adviceFor({ code: 'NEEDS_SIGN_IN', message: '' }).nextStep).toBe('sign-in-again');
    const clientFile = adviceFor({
      code: 'CLIENT_CONFIG_INVALID',
      message: 'English, for the log.',
      reason: 'missing-field',
      field: 'installed.client_id',
      file: 'client.json',
    }).detail;
    expect(clientFile).toBe(
      'client.json is missing installed.client_id. Choose the client_secret JSON you downloaded from Google Cloud Console.',
    );
  });

  it('tells when a rate limit ends', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(adviceFor({ code: 'RATE_LIMITED', message: '', retryAt: now + 30_000 }, now).detail).toBe(
      'Try again in 30 s.',
    );
  });
});

describe('linkify', () => {
  it('links http, https, www and e-mail addresses and leaves punctuation outside', () => {
    const parts = linkify('See https://example.com/a?b=1. Or www.example.org, or write to me@example.com!');
    expect(parts.filter((part) => part.kind === 'link')).toEqual([
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'link', text: 'www.example.org', href: 'https://www.example.org/' },
      { kind: 'link', text: 'me@example.com', href: 'mailto:me@example.com' },
    ]);
    expect(parts.map((part) => part.text).join('')).toBe(
      'See https://example.com/a?b=1. Or www.example.org, or write to me@example.com!',
    );
  });

  it('never links other schemes', () => {
    const parts = linkify('javascript:alert(1) file:///etc/passwd data:text/html,hi');
    expect(parts.every((part) => part.kind === 'text')).toBe(true);
  });
});

describe('commandForKey', () => {
  const key = (
    k: string,
    extra: Partial<{
      shiftKey: boolean;
      ctrlKey: boolean;
      metaKey: boolean;
      altKey: boolean;
      target: EventTarget | null;
    }> = {},
  ) => ({
    key: k,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    target: null,
    ...extra,
  });
  it('maps the documented keys', () => {
    expect(['j', 'k', 'o', 'Enter', 'u', 'e', 's', '/', 'r', '?'].map((k) => commandForKey(key(k)))).toEqual([
      'next',
      'previous',
      'open',
      'open',
      'back',
      'archive',
      'star',
      'search',
      'refresh',
      'help',
    ]);
    expect(commandForKey(key('U', { shiftKey: true }))).toBe('markUnread');
    // After a lone g: g u goes to Unified, g 1–9 to an account; without the g, u is "back" and digits nothing.
    expect(commandForKey(key('u'), true)).toBe('goUnified');
    expect(commandForKey(key('3'), true)).toBe('goAccount');
    expect(commandForKey(key('3'))).toBeNull();
    expect(commandForKey(key('0'), true)).toBeNull();
  });
  it('ignores shortcuts while typing (except Escape) and with modifiers', () => {
    const input = { tagName: 'INPUT', type: 'search', isContentEditable: false } as unknown as EventTarget;
    expect(commandForKey(key('j', { target: input }))).toBeNull();
    expect(commandForKey(key('Escape', { target: input }))).toBe('escape');
    expect(commandForKey(key('r', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(key('r', { metaKey: true }))).toBeNull();
  });

  it('z undoes; Ctrl/⌘+K opens the palette, even from a text field', () => {
    const input = { tagName: 'INPUT', type: 'search', isContentEditable: false } as unknown as EventTarget;
    expect(commandForKey(key('z'))).toBe('undo');
    expect(commandForKey(key('z', { target: input }))).toBeNull();
    expect(commandForKey(key('k', { ctrlKey: true }))).toBe('palette');
    expect(commandForKey(key('k', { metaKey: true, target: input }))).toBe('palette');
    expect(commandForKey(key('k', { ctrlKey: true, altKey: true }))).toBeNull();
  });
});

describe('accountMarks', () => {
  it('gives each account an initial that tells it apart, not only a colour', () => {
    const marks = accountMarks([
      account(1, { email: 'alex@work.test' }),
      account(2, { email: 'alex@home.test' }),
      account(3, { email: 'sam@home.test' }),
    ]);
    expect([...marks.values()].map((mark) => mark.initial)).toEqual(['A', 'H', 'S']);
    expect(new Set([...marks.values()].map((mark) => mark.colour)).size).toBe(3);
  });
});

describe('format', () => {
  it('shows short dates like a mail list and readable sizes', () => {
    const now = new Date(2026, 10, 26, 15, 0).getTime();
    expect(shortDate(new Date(2026, 10, 26, 9, 5).getTime(), now)).toMatch(/9:05/);
    expect(shortDate(new Date(2026, 10, 25, 9, 5).getTime(), now)).toBe('Yesterday');
    expect(shortDate(new Date(2024, 1, 3).getTime(), now)).toMatch(/2024/);
    // Intl's unit names (CLDR): "byte", "kB", "MB" in English.
    expect(fileSize(512)).toBe('512 byte');
    expect(fileSize(1536)).toBe('1.5 kB');
    expect(fileSize(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(initialOf('  émile')).toBe('É');
  });
});
