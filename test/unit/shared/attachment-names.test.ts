import { posix, win32 } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attachmentName,
  displayName,
  extensionOf,
  MAX_FILE_NAME_BYTES,
  safeFileName,
  unboundedFileName,
} from '../../../electron/shared/attachment-names.js';

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const FORBIDDEN_IN_SAVED_NAME = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}/\\<>:"|?*]/u;

describe('attachment names from hostile mail', () => {
  it('removes a right-to-left override, so the real extension shows and is saved', () => {
    const name = attachmentName('invoice\u202Egpj.exe');
    expect(name).toEqual({ displayName: 'invoicegpj.exe', fileName: 'invoicegpj.exe', extension: 'exe', risky: true });
  });

  it('removes zero-width and other invisible characters', () => {
    expect(safeFileName('re\u200Bport\u200D.p\u2066df\u2069\uFEFF')).toBe('report.pdf');
    expect(safeFileName('photo\u3164\u00AD.jpg')).toBe('photo.jpg');
    expect(displayName('a\u2028b\tc')).toBe('a b c');
  });

  it('drops trailing dots and spaces, which Windows would drop and so change the type', () => {
    expect(attachmentName('setup.exe. . ').fileName).toBe('setup.exe');
    expect(attachmentName('setup.exe. . ').risky).toBe(true);
    expect(safeFileName('notes.txt   ')).toBe('notes.txt');
  });

  it('turns path separators into underscores and drops leading dots', () => {
    expect(safeFileName('../../.ssh/authorized_keys')).toBe('_.._.ssh_authorized_keys');
    expect(safeFileName('..\\..\\Windows\\System32\\evil.dll')).toBe('_.._Windows_System32_evil.dll');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('..')).toBe('attachment');
  });

  it.each(['CON', 'con.txt', 'NUL', 'nul.tar.gz', 'AUX.pdf', 'COM1', 'lpt9.doc', 'CON .txt', 'COM¹.txt'])(
    'prefixes the Windows device name %s',
    (name) => {
      expect(safeFileName(name).startsWith('_')).toBe(true);
    },
  );

  it('leaves names that merely start like a device alone', () => {
    expect(safeFileName('CONTRACT.pdf')).toBe('CONTRACT.pdf');
    expect(safeFileName('nullable.txt')).toBe('nullable.txt');
  });

  it('shortens a 300-character name, keeping the extension', () => {
    const fileName = safeFileName(`${'a'.repeat(300)}.pdf`);
    expect(utf8Bytes(fileName)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(fileName.endsWith('….pdf')).toBe(true);
    // Multi-byte letters are counted in bytes and never cut in half.
    const emoji = safeFileName(`${'😀'.repeat(100)}.exe`);
    expect(utf8Bytes(emoji)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(emoji).toMatch(/^(?:😀)+….exe$/u);
  });

  it('flags programs and scripts on every platform, and not documents', () => {
    for (const extension of ['exe', 'msi', 'bat', 'cmd', 'com', 'scr', 'ps1', 'vbs', 'js', 'jar', 'sh', 'app']) {
      expect(attachmentName(`x.${extension}`).risky, extension).toBe(true);
    }
    for (const extension of ['dmg', 'pkg', 'deb', 'rpm', 'appimage', 'lnk', 'hta', 'iso', 'docm', 'EXE']) {
      expect(attachmentName(`x.${extension}`).risky, extension).toBe(true);
    }
    for (const extension of ['pdf', 'jpg', 'docx', 'txt', 'zip', 'png']) {
      expect(attachmentName(`x.${extension}`).risky, extension).toBe(false);
    }
  });

  it('reads the final extension only', () => {
    expect(extensionOf('photo.jpg.exe')).toBe('exe');
    expect(extensionOf('archive.tar.GZ')).toBe('gz');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('notes. not an extension')).toBe('');
  });
});

/** Names built from the characters attackers use, mixed with anything Unicode has. */
const hostileName = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(
        '\u202E',
        '\u202D',
        '\u2066',
        '\u200B',
        '\u200D',
        '\uFEFF',
        '\u00AD',
        '\u3164',
        '\uD800',
        '/',
        '\\',
        '..',
        '.',
        ' ',
        '\u0000',
        '\n',
        ':',
        '*',
        'CON',
        'nul',
        '😀',
        'é',
      ),
      fc.constantFrom('.exe', '.pdf', '.tar.gz', '.js', '. ', '...', '.PDF'),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('safeFileName for any name (fast-check)', () => {
  it('has no invisible or control characters, no separators or reserved characters, fits, and keeps the extension', () => {
    let runs = 0;
    fc.assert(
      fc.property(hostileName, (raw) => {
        runs += 1;
        const { fileName, extension } = attachmentName(raw);
        expect(fileName.length).toBeGreaterThan(0);
        expect(fileName).not.toMatch(FORBIDDEN_IN_SAVED_NAME);
        expect(utf8Bytes(fileName)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
        expect(fileName).not.toMatch(/^[.\s]|[.\s]$/u);
        expect(fileName).not.toMatch(/^(?:con|prn|aux|nul|com\d|lpt\d)\s*(?:\.|$)/i);
        // The extension shown is the one the saved file really has, and shortening never changed it.
        expect(extension).toBe(extensionOf(fileName));
        expect(extension).toBe(extensionOf(unboundedFileName(raw)));
        // Saved into a chosen folder, the path stays inside it on POSIX and on Windows.
        expect(posix.dirname(posix.join('/home/alex/Downloads', fileName))).toBe('/home/alex/Downloads');
        expect(win32.dirname(win32.join('C:\\Users\\alex\\Downloads', fileName))).toBe('C:\\Users\\alex\\Downloads');
      }),
      { numRuns: 2000 },
    );
    expect(runs).toBeGreaterThanOrEqual(2000);
  });

  it('keeps the true extension when a long name is shortened', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }),
        fc.stringMatching(/^[a-z0-9]{1,8}$/),
        (stem, extension) => {
          // Always over the limit, so every case is shortened.
          const raw = `${'x'.repeat(MAX_FILE_NAME_BYTES)}${stem.replace(/[.\s]/gu, '')}.${extension}`;
          const { fileName } = attachmentName(raw);
          expect(fileName).toContain('…');
          expect(fileName.endsWith(`.${extension}`)).toBe(true);
          expect(utf8Bytes(fileName)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
