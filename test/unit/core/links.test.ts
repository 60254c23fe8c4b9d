import { describe, expect, it } from 'vitest';
import { gmailWebUrl, isAllowedExternalUrl, normalizeExternalUrl } from '../../../electron/core/links.js';

describe('isAllowedExternalUrl', () => {
  it.each(['https://example.com/a?b=1', 'http://example.com', 'mailto:someone@example.com'])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'smb://server/share',
    'https://user:pass@example.com/',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(9000)}`,
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('normalizeExternalUrl', () => {
  it('returns web links as the URL parser writes them', () => {
    expect(normalizeExternalUrl('https://example.com/a b?q=1#f')).toBe('https://example.com/a%20b?q=1#f');
    expect(normalizeExternalUrl('HTTP://Example.com')).toBe('http://example.com/');
  });

  it.each([
    ['mailto:x@evil?attach=~/.ssh/id_rsa', 'mailto:x@evil'],
    ['mailto:x@evil?Attachment=/etc/passwd&subject=Hi', 'mailto:x@evil?subject=Hi'],
    [
      'mailto:a@example.com?subject=Hi%20there&ATTACH=/etc/passwd&Body=a+b&cc=c@example.com&bcc=d@example.com&to=e@example.com&x-foo=1',
      'mailto:a@example.com?subject=Hi%20there&body=a%2Bb&cc=c@example.com&bcc=d@example.com&to=e@example.com',
    ],
    ['mailto:a@example.com,b@example.com', 'mailto:a@example.com,b@example.com'],
    ['mailto:?to=a@example.com', 'mailto:?to=a@example.com'],
    ['mailto:a@example.com#fragment', 'mailto:a@example.com'],
    // An encoded `&attach=` stays inside the subject.
    [
      'mailto:a@example.com?subject=%26attach%3D%2Fetc%2Fpasswd',
      'mailto:a@example.com?subject=%26attach%3D%2Fetc%2Fpasswd',
    ],
  ])('keeps only the address and to/cc/bcc/subject/body of %s', (url, expected) => {
    expect(normalizeExternalUrl(url)).toBe(expected);
  });

  it.each([
    'mailto:x@evil%3Fattach=/etc/passwd',
    'mailto:x@evil%0D%0Aattach:/etc/passwd',
    'mailto:a@example.com?subject=%E0%A4%A',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://user:pass@example.com/',
  ])('refuses %s', (url) => {
    expect(normalizeExternalUrl(url)).toBeNull();
  });
});

describe('gmailWebUrl', () => {
  it('opens the message in the right account', () => {
    expect(gmailWebUrl('alex@example.com', '18c2f0a1b2c3d4e5')).toBe(
      'https://mail.google.com/mail/u/?authuser=alex%40example.com#all/18c2f0a1b2c3d4e5',
    );
  });
});
