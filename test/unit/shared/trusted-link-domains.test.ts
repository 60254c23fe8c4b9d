import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logging.js';
import { SettingsStore } from '../../../electron/core/settings/settings-store.js';
import { DEFAULT_SETTINGS, settingsPatch } from '../../../electron/shared/ipc-contract.js';

describe('Settings.trustedLinkDomains', () => {
  it('defaults to none: every doubtful link asks', () => {
    expect(DEFAULT_SETTINGS.trustedLinkDomains).toEqual([]);
  });

  it('accepts lower-case host names (punycode for IDN) and IP addresses', () => {
    const patch = { trustedLinkDomains: ['example.co.uk', 'xn--pypal-4ve.com', '192.0.2.7', '2001:db8::1'] };
    expect(settingsPatch.safeParse(patch).success).toBe(true);
  });

  it.each([
    ['upper case', 'Example.com'],
    ['a URL, not a host', 'https://example.com/'],
    ['a scheme', 'javascript:alert(1)'],
    ['Unicode (must be punycode)', 'bücher.example'],
    ['a path', 'example.com/x'],
    ['too long', `${'a'.repeat(250)}.com`],
  ])('refuses %s', (_why, domain) => {
    expect(settingsPatch.safeParse({ trustedLinkDomains: [domain] }).success).toBe(false);
  });

  it('refuses more than 1,000 domains', () => {
    const many = Array.from({ length: 1001 }, (_, index) => `d${index}.example`);
    expect(settingsPatch.safeParse({ trustedLinkDomains: many }).success).toBe(false);
  });

  it('is stored once per domain and read back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glance-trusted-links-'));
    const store = await SettingsStore.open(dir, memoryLogger());
    await store.update({ trustedLinkDomains: ['evil.example', 'evil.example', 'shop.example'] });
    const reopened = await SettingsStore.open(dir, memoryLogger());
    expect(reopened.get().trustedLinkDomains).toEqual(['evil.example', 'shop.example']);
  });
});
