import { describe, expect, it } from 'vitest';
import { gmailWebUrl, isAllowedExternalUrl } from '../../../electron/core/links.js';

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

describe('gmailWebUrl', () => {
  it('opens the message in the right account', () => {
    expect(gmailWebUrl('alex@example.com', '18c2f0a1b2c3d4e5')).toBe(
      'https://mail.google.com/mail/u/?authuser=alex%40example.com#all/18c2f0a1b2c3d4e5',
    );
  });
});
