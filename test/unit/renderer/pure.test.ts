import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../electron/shared/ipc-contract.js';
import { adviceFor } from '../../../renderer/src/shared/errors.js';
import { fileSize, initialOf, shortDate } from '../../../renderer/src/shared/format.js';
import { linkify } from '../../../renderer/src/reader/linkify.js';
import { commandForKey } from '../../../renderer/src/keyboard/shortcuts.js';
import { appendUnique, keepVisible, mergeReloaded } from '../../../renderer/src/inbox/useMessageList.js';
import { summary } from './fake-glance.js';

describe('adviceFor', () => {
  it('gives every error code a title, a next step in words and an action', () => {
    for (const code of ERROR_CODES) {
      const advice = adviceFor({ code, message: 'Details.' });
      expect(advice.title.length, code).toBeGreaterThan(5);
      expect(advice.detail.length, code).toBeGreaterThan(5);
    }
    expect(adviceFor({ code: 'KEYCHAIN_UNAVAILABLE', message: '' }).nextStep).toBe('retry-keychain');
    expect(adviceFor({ code: 'NEEDS_SIGN_IN', message: '' }).nextStep).toBe('sign-in-again');
    expect(adviceFor({ code: 'CLIENT_CONFIG_INVALID', message: 'Field client_id is missing.' }).detail).toContain(
      'client_id',
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
  });
  it('ignores shortcuts while typing (except Escape) and with modifiers', () => {
    const input = { tagName: 'INPUT', type: 'search', isContentEditable: false } as unknown as EventTarget;
    expect(commandForKey(key('j', { target: input }))).toBeNull();
    expect(commandForKey(key('Escape', { target: input }))).toBe('escape');
    expect(commandForKey(key('r', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(key('r', { metaKey: true }))).toBeNull();
  });
});

describe('list merging', () => {
  it('appends pages without duplicates', () => {
    const first = [summary(1), summary(2)];
    expect(appendUnique(first, [summary(2), summary(3)]).map((m) => m.id)).toEqual([
      summary(1).id,
      summary(2).id,
      summary(3).id,
    ]);
  });
  it('replaces the reloaded range and keeps older loaded messages with their continuation', () => {
    const loaded = [summary(1), summary(2), summary(3), summary(4)];
    const ids = (list: { id: string }[]) => list.map((m) => m.id);
    // New mail arrived and 2 left the view: the reload covers 0–3, so 2 goes; 4 is below the reload.
    const fresh = [summary(0), summary(1), summary(3)];
    const partial = mergeReloaded(loaded, 'after-4', fresh, 'after-3');
    expect(ids(partial.items)).toEqual(ids([summary(0), summary(1), summary(3), summary(4)]));
    expect(partial.nextPageToken).toBe('after-4');
    // A reload that reached the end of the list is the whole list.
    expect(mergeReloaded(loaded, 'after-4', fresh, null)).toEqual({ items: fresh, nextPageToken: null });
  });
  it('continues after the reloaded range when it covers everything loaded', () => {
    const loaded = [summary(1), summary(2), summary(3)];
    // 2 came back to the view (it had left before 3 was loaded); the reload went down to 3.
    const fresh = [summary(0), summary(1), summary(2), summary(3)];
    const merged = mergeReloaded([summary(1), summary(3)], 'after-3', fresh, 'after-3-new');
    expect(merged.items.map((m) => m.id)).toEqual(fresh.map((m) => m.id));
    expect(merged.nextPageToken).toBe('after-3-new');
    // Equal dates at the edge are kept once and do not hold on to the old continuation.
    const sameDate = summary(4, { id: 'same-date', date: summary(3).date });
    const edge = mergeReloaded([...loaded, sameDate], 'old', fresh, 'new');
    expect(edge.items.map((m) => m.id)).toEqual([...fresh.map((m) => m.id), 'same-date']);
    expect(edge.nextPageToken).toBe('new');
  });
});

describe('keepVisible', () => {
  it('puts kept messages back at their place by date, and only those', () => {
    const previous = [summary(1), summary(2), summary(3), summary(4)];
    const next = [summary(1), summary(4)];
    const kept = new Set([summary(2).id]);
    expect(keepVisible(next, previous, kept).map((m) => m.id)).toEqual([summary(1).id, summary(2).id, summary(4).id]);
    expect(keepVisible(next, previous, new Set())).toBe(next);
  });
});

describe('format', () => {
  it('shows short dates like a mail list and readable sizes', () => {
    const now = new Date(2026, 10, 26, 15, 0).getTime();
    expect(shortDate(new Date(2026, 10, 26, 9, 5).getTime(), now)).toMatch(/9:05/);
    expect(shortDate(new Date(2026, 10, 25, 9, 5).getTime(), now)).toBe('Yesterday');
    expect(shortDate(new Date(2024, 1, 3).getTime(), now)).toMatch(/2024/);
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(initialOf('  émile')).toBe('É');
  });
});
