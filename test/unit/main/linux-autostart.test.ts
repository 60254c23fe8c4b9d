import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  autostartDir,
  autostartEntry,
  autostartEntryEnabled,
  linuxAutostartEnabled,
  quoteExecArgument,
  setLinuxAutostart,
} from '../../../electron/main/linux-autostart.js';

/**
 * Reads an Exec value back the way the Desktop Entry Specification says a desktop does: first the
 * string-value escapes (`\\` → `\`), then the quoting rule, then `%%` → `%`. Returns the arguments.
 */
function parseExec(value: string): string[] {
  const unescaped = value.replace(/\\([\\nstr])/g, (_m, c: string) =>
    c === '\\' ? '\\' : c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : ' ',
  );
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < unescaped.length; i++) {
    const c = unescaped[i] ?? '';
    if (quoted) {
      if (c === '\\' && '"`$\\'.includes(unescaped[i + 1] ?? '')) current += unescaped[++i];
      else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') {
      quoted = true;
      started = true;
    } else if (c === ' ') {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) args.push(current);
  return args.map((arg) => arg.replaceAll('%%', '%'));
}

function execLine(entry: string): string {
  return /^Exec=(.*)$/m.exec(entry)?.[1] ?? '';
}

describe('Linux autostart', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/xdg' }, '/home/alex')).toBe('/xdg/autostart');
    expect(autostartDir({}, '/home/alex')).toBe('/home/alex/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/alex')).toBe('/home/alex/.config/autostart');
  });

  it('quotes executables with spaces or shell characters, and doubles % (field codes)', () => {
    expect(quoteExecArgument('/opt/Glance/glance')).toBe('/opt/Glance/glance');
    expect(quoteExecArgument('/home/alex/Apps/Glance 0.1.0.AppImage')).toBe('"/home/alex/Apps/Glance 0.1.0.AppImage"');
    expect(quoteExecArgument('/tmp/a"$b`c\\d')).toBe('"/tmp/a\\"\\$b\\`c\\\\d"');
    expect(quoteExecArgument('/home/alex/100%/glance')).toBe('/home/alex/100%%/glance');
  });

  it('writes the Exec line per the spec: string escapes applied on top of the quoting', () => {
    // The spec's own examples: a literal `$` in a quoted argument is `\\$`, a literal `\` is `\\\\`.
    expect(execLine(autostartEntry('/tmp/a $b'))).toBe('"/tmp/a \\\\$b"');
    expect(execLine(autostartEntry('/tmp/a b\\c'))).toBe('"/tmp/a b\\\\\\\\c"');
    expect(autostartEntry('/tmp/a b\\c')).toContain('TryExec=/tmp/a b\\\\c\n');
  });

  it('any executable path reads back as exactly one argument, itself', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'binary' }), (tail) => {
        const path = `/home/alex/${tail.replace(/[\0\n\r]/g, '')}`;
        expect(parseExec(execLine(autostartEntry(path)))).toEqual([path]);
        expect(
          autostartEntry(path)
            .split('\n')
            .filter((line) => line.startsWith('Exec=')),
        ).toHaveLength(1);
      }),
    );
  });

  it('an entry switched off in the desktop’s startup settings does not count as on', () => {
    const entry = autostartEntry('/opt/Glance/glance');
    expect(autostartEntryEnabled(entry)).toBe(true);
    expect(
      autostartEntryEnabled(entry.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false')),
    ).toBe(false);
    expect(autostartEntryEnabled(`${entry}Hidden=true\n`)).toBe(false);
    expect(autostartEntryEnabled(`${entry}Hidden=false\n`)).toBe(true);
  });

  it('writes the entry when enabled and removes it when disabled; reads whether it exists', async () => {
    dir = await mkdtemp(join(tmpdir(), 'glance-autostart-'));
    const target = join(dir, 'autostart');
    expect(await linuxAutostartEnabled(target)).toBe(false);
    await setLinuxAutostart(true, { dir: target, executable: '/opt/Glance/glance' });
    expect(await linuxAutostartEnabled(target)).toBe(true);
    const entry = await readFile(join(target, 'glance.desktop'), 'utf8');
    expect(entry).toBe(autostartEntry('/opt/Glance/glance'));
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(entry).toContain('Exec=/opt/Glance/glance\n');
    expect(entry).toContain('TryExec=/opt/Glance/glance\n');
    await setLinuxAutostart(false, { dir: target, executable: '/opt/Glance/glance' });
    expect(existsSync(join(target, 'glance.desktop'))).toBe(false);
    expect(await linuxAutostartEnabled(target)).toBe(false);
    await setLinuxAutostart(false, { dir: target, executable: '/opt/Glance/glance' });
  });
});
