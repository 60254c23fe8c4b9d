import { describe, expect, it } from 'vitest';
import { memoryLogger, redact } from '../../../electron/core/logging.js';

describe('redact', () => {
  it('keeps error codes, errno values and HTTP statuses under `code=`', () => {
    expect(redact('gmail: request failed code=ECONNRESET errno=-104')).toBe(
      'gmail: request failed code=ECONNRESET errno=-104',
    );
    expect(redact('failed code=429 status=429')).toBe('failed code=429 status=429');
    expect(redact('fetch failed code=UND_ERR_SOCKET')).toBe('fetch failed code=UND_ERR_SOCKET');
    expect(redact('{"code":"NEEDS_SIGN_IN","message":"x"}')).toBe('{"code":"NEEDS_SIGN_IN","message":"x"}');
  });

  it('removes an OAuth authorization code, in a callback query or in JSON', () => {
    const code = '4/0AVG7fiQ9xR2-abcDEF_ghi';
    const line = redact(`callback /cb?code=${code}&scope=email code=${code} {"code":"${code}"}`);
    expect(line).not.toContain('0AVG7fiQ9xR2');
    expect(line).toContain('code=[redacted]');
    expect(line).toContain('"code":"[redacted]"');
    // An emulator-style code without Google's prefix is removed too: it is not an error code.
    expect(redact('code=Zk3pQ9aLm')).toBe('code=[redacted]');
  });

  it('removes tokens, email addresses and quoted mail headers', () => {
    const line = redact(
      'token ya29.a0AfH6SMB refresh 1//0gLx-secret Bearer abc.def for priya.shah@northwind.example\nSubject: Quarterly numbers',
    );
    expect(line).not.toMatch(/ya29\.a0|0gLx|abc\.def|priya|northwind|Quarterly/);
    expect(line).toContain('[email]');
    expect(line).toContain('Subject: [redacted]');
  });

  it('logs mail content fields (subject, snippet, from…) as their length only', () => {
    const logger = memoryLogger('test');
    logger.warn('could not parse', { subject: 'Your invoice is ready', from: 'Ana <ana@x.example>', status: 503 });
    expect(logger.lines[0]).toBe('warn [test] could not parse subject=[21 chars] from=[19 chars] status=503');
  });
});

describe('redact on long input', () => {
  // A long run of letters (a huge key or name quoted in an error) once took quadratic time in the email
  // pattern: 200 KB held the main process for minutes.
  it('takes linear time, and still redacts an address at the end', () => {
    const started = Date.now();
    const out = redact(`${'a'.repeat(200_000)} ${'b'.repeat(200_000)}@${'c'.repeat(50_000)} alex@example.com`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(out.endsWith('[email]')).toBe(true);
    expect(out).not.toContain('alex@example.com');
  });
});
