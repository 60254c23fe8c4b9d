import { describe, expect, it } from 'vitest';
import { buildDiagnostics, DIAGNOSTIC_LOG_LINES } from '../../../electron/main/diagnostics.js';
import { DEFAULT_SETTINGS } from '../../../electron/shared/ipc-contract.js';

describe('Copy diagnostics', () => {
  const input = {
    appVersion: '0.1.0',
    versions: { electron: '45.4.1', chrome: '142.0', node: '22.20.0' },
    os: { platform: 'linux', release: '6.8.0', arch: 'x64' },
    settings: { ...DEFAULT_SETTINGS, remoteContentSenders: ['priya@northwind.example', 'news@shop.example'] },
    logLines: Array.from({ length: 250 }, (_, index) => `line ${index} code=ECONNRESET status=503`),
  };

  it('has versions, the OS, the settings without sender lists, and the last 200 log lines', () => {
    const text = buildDiagnostics(input);
    expect(text).toContain('Glance 0.1.0 (electron 45.4.1, chrome 142.0, node 22.20.0)');
    expect(text).toContain('OS: linux 6.8.0 x64');
    expect(text).toContain('"pollSeconds":60');
    expect(text).toContain('"remoteContentSenders":"2 trusted senders"');
    expect(text).not.toMatch(/northwind|shop\.example/);
    expect(DIAGNOSTIC_LOG_LINES).toBe(200);
    expect(text).toContain(`Log (last 200 lines):`);
    expect(text).not.toContain('line 49 ');
    expect(text).toContain('line 50 code=ECONNRESET status=503');
    expect(text).toContain('line 249 ');
  });

  it('redacts the log lines once more on the way out', () => {
    const text = buildDiagnostics({ ...input, logLines: ['callback code=4/0AbCdEf for ana@x.example'] });
    expect(text).toContain('callback code=[redacted] for [email]');
  });
});
